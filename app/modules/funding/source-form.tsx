// The funding source form (资金来源): kind, donor province for paired aid, year, holding bureau, total in yuan.
import { getFormProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormErrors } from "~/components/ui/field";
import { FormButtons } from "~/components/ui/form-buttons";
import { FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import type { RecordFormProps } from "~/components/ui/record-form";
import { RegionOptions } from "~/components/ui/region-options";
import { SchemaForm } from "~/components/ui/schema-form";
import { useMessageForm } from "~/modules/kernel/use-form";
import { fundingSourceSchema } from "./schemas";

export type SourceFormValues = Partial<
  Record<"name" | "kind" | "donorProvince" | "year" | "regionId" | "total" | "notes", string>
>;

export function SourceForm({
  lastResult,
  defaultValue,
  formKey,
  regions,
  kinds,
  cancelTo,
  submitLabel,
}: Omit<RecordFormProps<SourceFormValues>, "formKey"> & {
  /** Left out by the edit page, which posts without one. */
  formKey?: string;
  regions: { id: number; name: string; level: string }[];
  kinds: readonly string[];
}) {
  const { t } = useTranslation(["funding", "common"]);
  const [form, fields] = useMessageForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  return (
    <SchemaForm schema={fundingSourceSchema} method="post" className="form card" {...getFormProps(form)}>
      {formKey ? <FormKey value={formKey} /> : null}
      <FormErrors errors={form.errors} />
      <FormInput field={fields.name} label={t("source.name")} hint={t("source.nameHint")} />
      <div className="grid-2">
        <FormSelect field={fields.kind} label={t("source.kind")}>
          <option value="">{t("source.choose")}</option>
          <EnumOptions name="fundingSourceKind" values={kinds} />
        </FormSelect>
        <FormInput
          field={fields.donorProvince}
          label={t("source.donorProvince")}
          hint={t("source.donorHint")}
        />
      </div>
      <div className="grid-3">
        <FormInput field={fields.year} type="number" label={t("source.year")} min={2000} max={2100} />
        <FormSelect field={fields.regionId} label={t("source.region")}>
          <option value="">{t("source.choose")}</option>
          <RegionOptions regions={regions} />
        </FormSelect>
        <FormInput field={fields.total} label={t("source.totalYuan")} inputMode="decimal" />
      </div>
      <FormTextArea field={fields.notes} label={t("source.notes")} />
      <FormButtons submitLabel={submitLabel} cancelTo={cancelTo} />
    </SchemaForm>
  );
}
