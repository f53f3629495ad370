// An enum's values shown by their common:enum names: one way to offer an enum in a form's select or a list's
// filter, so each value's label lives in one translation key.
import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";
import type common from "~/locales/zh-CN/common.json";
import { FilterSelect } from "./filter-bar";

/** The enums common.json names, e.g. "organizationKind". */
export type EnumName = keyof (typeof common)["enum"];

/** Labels an enum's values in the reader's language. */
export function useEnumLabel(name: EnumName) {
  const { t } = useTranslation("common");
  return (value: string) => t(`common:enum.${name}.${value}`);
}

/** The values as <option>s, for a form's select. */
export function EnumOptions({ name, values }: { name: EnumName; values: readonly string[] }) {
  const label = useEnumLabel(name);
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
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
