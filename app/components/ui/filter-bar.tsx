// The filter bar of every list page: a GET form whose fields live in the URL, so a filtered view can be shared.
// Its fields read their current value from the URL themselves; a reset link appears once something is filtered.
import { Form, Link, useLocation, useSearchParams, useSubmit } from "@remix-run/react";
import { type ComponentProps, type FormEvent, Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type EnumName, useEnumLabel } from "./enum-options";

export type FilterOption = {
  value: string | number;
  label: string;
  /** Options with a group are shown under it (an <optgroup>), groups in the order they first appear. */
  group?: string;
};

export function FilterBar({
  children,
  resetTo,
  testId,
  keep = [],
  className,
  autoSubmit = false,
  onChange,
  noPrint = false,
  submitLabel,
}: {
  children: ReactNode;
  /** Where "reset" leads; the page's own path by default. */
  resetTo?: string;
  testId?: string;
  /** Parameters that are not filters (a region, a view) and survive a reset. */
  keep?: string[];
  /** Added to the "filters" class. */
  className?: string;
  /** Applies a choice at once (the button then only shows without JavaScript). */
  autoSubmit?: boolean;
  /** Runs before an automatic submit, e.g. to clear a choice another one made meaningless. */
  onChange?: (event: FormEvent<HTMLFormElement>) => void;
  /** Left out of the printed page (reports, calendars). */
  noPrint?: boolean;
  /** The submit button's text when "filter" is not the word (a report's "show"). */
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [search] = useSearchParams();
  const { pathname } = useLocation();
  const filtered = [...search.keys()].some((k) => k !== "page" && !keep.includes(k));
  const kept = keep
    .filter((k) => search.has(k))
    .map((k) => `${k}=${encodeURIComponent(search.get(k) ?? "")}`);
  const reset = resetTo ?? (kept.length ? `${pathname}?${kept.join("&")}` : pathname);
  const button = (
    <button type="submit" className="btn btn--secondary">
      {submitLabel ?? t("common:actions.filter")}
    </button>
  );
  return (
    <Form
      method="get"
      className={["filters", noPrint ? "no-print" : "", className ?? ""].filter(Boolean).join(" ")}
      role="search"
      data-testid={testId}
      onChange={(event) => {
        onChange?.(event);
        if (autoSubmit) submit(event.currentTarget, { preventScrollReset: true, replace: true });
      }}
    >
      {keep.map((k) =>
        search.has(k) ? <input key={k} type="hidden" name={k} value={search.get(k) ?? ""} /> : null,
      )}
      {children}
      {autoSubmit ? <noscript>{button}</noscript> : button}
      {filtered ? (
        <Link to={reset} className="btn btn--ghost">
          {t("common:actions.reset")}
        </Link>
      ) : null}
    </Form>
  );
}

/** A choice among options, with "all" first (its label defaults to the common "all"). */
export function FilterSelect({
  name,
  label,
  options,
  allLabel,
  withAll = true,
  value,
}: {
  name: string;
  label: ReactNode;
  options: readonly FilterOption[];
  allLabel?: string;
  /** False when the filter always has a value (a status defaulting to "active", a year): no empty "all" option. */
  withAll?: boolean;
  /** The current value when the page derives it (a default year); else the URL's. */
  value?: string | number;
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <label>
      <span>{label}</span>
      <select name={name} defaultValue={String(value ?? search.get(name) ?? "")}>
        {withAll ? <option value="">{allLabel ?? t("common:filters.all")}</option> : null}
        {[...new Set(options.map((o) => o.group))].map((group) => {
          const items = options
            .filter((o) => o.group === group)
            .map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ));
          return group === undefined ? (
            <Fragment key="">{items}</Fragment>
          ) : (
            <optgroup key={group} label={group}>
              {items}
            </optgroup>
          );
        })}
      </select>
    </label>
  );
}

/** The region filter, shown only to a reader who sees more than one region. */
export function RegionFilter({
  regions,
  ...select
}: { regions: readonly { code: string; name: string }[] } & Omit<
  ComponentProps<typeof FilterSelect>,
  "options" | "name"
>) {
  return regions.length > 1 ? (
    <FilterSelect
      {...select}
      name="region"
      options={regions.map((r) => ({ value: r.code, label: r.name }))}
    />
  ) : null;
}

/** Free-text search over the list. */
export function FilterSearch({
  name = "q",
  label,
  placeholder,
}: {
  name?: string;
  label?: ReactNode;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <label>
      <span>{label ?? t("common:actions.search")}</span>
      <input type="search" name={name} defaultValue={search.get(name) ?? ""} placeholder={placeholder} />
    </label>
  );
}

/** A yes/no filter (e.g. "overdue only"), sent as name=1. */
export function FilterCheck({ name, label }: { name: string; label: ReactNode }) {
  const [search] = useSearchParams();
  return (
    <label className="check">
      <input type="checkbox" name={name} value="1" defaultChecked={search.get(name) === "1"} />
      <span>{label}</span>
    </label>
  );
}

/** A list's filter by an enum, "all" first. */
export function EnumFilter({
  of,
  values,
  ...select
}: { of: EnumName; values: readonly string[] } & Omit<ComponentProps<typeof FilterSelect>, "options">) {
  const label = useEnumLabel(of);
  return <FilterSelect {...select} options={values.map((value) => ({ value, label: label(value) }))} />;
}
