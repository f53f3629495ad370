// An enum's values shown by their common:enum names: one way to offer an enum in a form's select or a list's
// filter (EnumFilter, in filter-bar.tsx), so each value's label lives in one translation key. Kept apart from the
// filter bar: the field pages' forms use these options and should not download the list filters (issue 13).
import { useTranslation } from "react-i18next";
import type common from "~/locales/zh-CN/common.json";

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
