// The care project form for registering and editing; plain POST, validated on the server.
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { RecordForm } from "~/components/ui/record-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";

export type ProjectFormValues = Partial<
  Record<"code" | "name" | "kind" | "regionId" | "startsOn" | "endsOn" | "description", string>
>;

/** The form's values for a stored project. */
export function projectFormValues(p: {
  code: string;
  name: string;
  kind: string;
  regionId: number;
  startsOn: string;
  endsOn: string;
  description: string | null;
}): ProjectFormValues {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    regionId: String(p.regionId),
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    description: p.description ?? undefined,
  };
}

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
  formKey: string;
  regions: { id: number; name: string; level: string }[];
  kinds: readonly string[];
  cancelTo: string;
  submitLabel: string;
}) {
  const { t } = useTranslation(["projects", "common"]);
  const [form, fields] = useMessageForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  return (
    <RecordForm form={form} formKey={formKey} submitLabel={submitLabel} cancelTo={cancelTo}>
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
    </RecordForm>
  );
}
