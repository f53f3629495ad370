// The funding source form (资金来源): kind, donor province for paired aid, year, holding bureau, total in yuan.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
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
}: {
  lastResult: FormResult | null | undefined;
  defaultValue?: SourceFormValues;
  formKey?: string;
  regions: { id: number; name: string; level: string }[];
  kinds: readonly string[];
  cancelTo: string;
  submitLabel: string;
}) {
  const { t } = useTranslation(["funding", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  return (
    <SchemaForm schema={fundingSourceSchema} method="post" className="form card" {...getFormProps(form)}>
      {formKey ? <FormKey value={formKey} /> : null}
      <FormErrors errors={form.errors} />
      <TextField
        label={t("source.name")}
        {...getInputProps(fields.name, { type: "text" })}
        key={fields.name.key}
        errors={fields.name.errors}
        hint={t("source.nameHint")}
      />
      <div className="grid-2">
        <SelectField
          label={t("source.kind")}
          {...getSelectProps(fields.kind)}
          key={fields.kind.key}
          errors={fields.kind.errors}
        >
          <option value="">{t("source.choose")}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`common:enum.fundingSourceKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("source.donorProvince")}
          {...getInputProps(fields.donorProvince, { type: "text" })}
          key={fields.donorProvince.key}
          errors={fields.donorProvince.errors}
          hint={t("source.donorHint")}
        />
      </div>
      <div className="grid-3">
        <TextField
          label={t("source.year")}
          {...getInputProps(fields.year, { type: "number" })}
          key={fields.year.key}
          errors={fields.year.errors}
          min={2000}
          max={2100}
        />
        <SelectField
          label={t("source.region")}
          {...getSelectProps(fields.regionId)}
          key={fields.regionId.key}
          errors={fields.regionId.errors}
        >
          <option value="">{t("source.choose")}</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.level === "county" ? `\u3000${r.name}` : r.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("source.totalYuan")}
          {...getInputProps(fields.total, { type: "text" })}
          key={fields.total.key}
          errors={fields.total.errors}
          inputMode="decimal"
        />
      </div>
      <TextAreaField
        label={t("source.notes")}
        {...getTextareaProps(fields.notes)}
        key={fields.notes.key}
        errors={fields.notes.errors}
      />
      <div className="btn-row">
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn btn--ghost">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </SchemaForm>
  );
}
