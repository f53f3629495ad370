// The care project form for registering and editing; plain POST, validated on the server.
import { useTranslation } from "react-i18next";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormCodeInput, FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
import { RecordForm, type RecordFormProps } from "~/components/ui/record-form";
import { RegionOptions } from "~/components/ui/region-options";
import { useMessageForm } from "~/modules/kernel/use-form";
import { projectSchema } from "./schemas";

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
}: RecordFormProps<ProjectFormValues> & {
  regions: { id: number; name: string; level: string }[];
  kinds: readonly string[];
}) {
  const { t } = useTranslation(["projects", "common"]);
  const [form, fields] = useMessageForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  return (
    <RecordForm
      form={form}
      schema={projectSchema}
      formKey={formKey}
      submitLabel={submitLabel}
      cancelTo={cancelTo}
    >
      <div className="grid-2">
        <FormCodeInput field={fields.code} label={t("fields.code")} hint={t("form.codeHint")} />
        <FormSelect field={fields.kind} label={t("fields.kind")}>
          <option value="">{t("form.choose")}</option>
          <EnumOptions name="careProjectKind" values={kinds} />
        </FormSelect>
      </div>
      <FormInput field={fields.name} label={t("fields.name")} />
      <FormSelect field={fields.regionId} label={t("fields.region")}>
        <option value="">{t("form.choose")}</option>
        <RegionOptions regions={regions} />
      </FormSelect>
      <div className="grid-2">
        <FormInput field={fields.startsOn} type="date" label={t("fields.startsOn")} />
        <FormInput field={fields.endsOn} type="date" label={t("fields.endsOn")} />
      </div>
      <FormTextArea field={fields.description} label={t("fields.description")} />
    </RecordForm>
  );
}
