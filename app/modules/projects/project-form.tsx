// The care project form for registering and editing; plain POST, validated on the server.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import type { FormResult } from "~/modules/kernel/use-form";

export type ProjectFormValues = Partial<
  Record<"code" | "name" | "kind" | "regionId" | "startsOn" | "endsOn" | "description", string>
>;

export function ProjectForm({
  lastResult,
  defaultValue,
  formKey,
  regions,
  kinds,
  cancelTo,
  submitLabel,
}: {
  lastResult: FormResult | null | undefined;
  defaultValue?: ProjectFormValues;
  formKey?: string;
  regions: { id: number; name: string; level: string }[];
  kinds: readonly string[];
  cancelTo: string;
  submitLabel: string;
}) {
  const { t } = useTranslation(["projects", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="form card" {...getFormProps(form)}>
      {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
      <FormErrors errors={form.errors} />
      <div className="grid-2">
        <TextField
          label={t("fields.code")}
          {...getInputProps(fields.code, { type: "text" })}
          key={fields.code.key}
          errors={fields.code.errors}
          hint={t("form.codeHint")}
          autoComplete="off"
        />
        <SelectField
          label={t("fields.kind")}
          {...getSelectProps(fields.kind)}
          key={fields.kind.key}
          errors={fields.kind.errors}
        >
          <option value="">{t("form.choose")}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`common:enum.careProjectKind.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t("fields.name")}
        {...getInputProps(fields.name, { type: "text" })}
        key={fields.name.key}
        errors={fields.name.errors}
      />
      <SelectField
        label={t("fields.region")}
        {...getSelectProps(fields.regionId)}
        key={fields.regionId.key}
        errors={fields.regionId.errors}
      >
        <option value="">{t("form.choose")}</option>
        {regions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.level === "county" ? `\u3000${r.name}` : r.name}
          </option>
        ))}
      </SelectField>
      <div className="grid-2">
        <TextField
          label={t("fields.startsOn")}
          {...getInputProps(fields.startsOn, { type: "date" })}
          key={fields.startsOn.key}
          errors={fields.startsOn.errors}
        />
        <TextField
          label={t("fields.endsOn")}
          {...getInputProps(fields.endsOn, { type: "date" })}
          key={fields.endsOn.key}
          errors={fields.endsOn.errors}
        />
      </div>
      <TextAreaField
        label={t("fields.description")}
        {...getTextareaProps(fields.description)}
        key={fields.description.key}
        errors={fields.description.errors}
      />
      <div className="btn-row">
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="btn btn--ghost">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </Form>
  );
}
