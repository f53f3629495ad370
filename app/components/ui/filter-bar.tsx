// The filter bar of every list page: a GET form whose fields live in the URL, so a filtered view can be shared.
// Its fields read their current value from the URL themselves; a reset link appears once something is filtered.
import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type FilterOption = { value: string | number; label: string };

export function FilterBar({
  children,
  resetTo,
  testId,
  keep = [],
  noPrint = false,
  submitLabel,
}: {
  children: ReactNode;
  /** Where "reset" leads; the page's own path by default. */
  resetTo?: string;
  testId?: string;
  /** Parameters that are not filters (a region, a view) and survive a reset. */
  keep?: string[];
  /** Left out of the printed page (reports, calendars). */
  noPrint?: boolean;
  /** The submit button's text when "filter" is not the word (a report's "show"). */
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const { pathname } = useLocation();
  const filtered = [...search.keys()].some((k) => k !== "page" && !keep.includes(k));
  const kept = keep
    .filter((k) => search.has(k))
    .map((k) => `${k}=${encodeURIComponent(search.get(k) ?? "")}`);
  const reset = resetTo ?? (kept.length ? `${pathname}?${kept.join("&")}` : pathname);
  return (
    <Form
      method="get"
      className={noPrint ? "filters no-print" : "filters"}
      role="search"
      data-testid={testId}
    >
      {keep.map((k) =>
        search.has(k) ? <input key={k} type="hidden" name={k} value={search.get(k) ?? ""} /> : null,
      )}
      {children}
      <button type="submit" className="btn btn--secondary">
        {submitLabel ?? t("common:actions.filter")}
      </button>
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
  value,
  required = false,
}: {
  name: string;
  label: ReactNode;
  options: readonly FilterOption[];
  allLabel?: string;
  /** The current value when the page derives it (a default year); else the URL's. */
  value?: string | number;
  /** Always one of the options (a year): no "all". */
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <label>
      <span>{label}</span>
      <select name={name} defaultValue={String(value ?? search.get(name) ?? "")}>
        {required ? null : <option value="">{allLabel ?? t("common:filters.all")}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
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
