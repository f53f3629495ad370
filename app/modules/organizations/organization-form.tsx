// The organization form for registering and editing; works without JavaScript (plain POST, server validation).
import { getInputProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
import { RecordForm, type RecordFormProps } from "~/components/ui/record-form";
import { RegionOptions } from "~/components/ui/region-options";
import { useMessageForm } from "~/modules/kernel/use-form";
import { organizationSchema } from "./schemas";

/** The choices of the form's selects (organizationFormChoices in queries.server.ts). */
export type OrganizationFormChoices = {
  regions: { id: number; name: string; level: string }[];
  kinds: readonly string[];
  statuses: readonly string[];
};

export type OrganizationFormValues = {
  name?: string;
  creditCode?: string;
  kind?: string;
  regionId?: string;
  registeredOn?: string;
  hasPartyBranch?: "on" | undefined;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  address?: string;
  status?: string;
};

/** The form's values for a stored organization. */
export function organizationFormValues(o: {
  name: string;
  creditCode: string;
  kind: string;
  regionId: number;
  registeredOn: string | null;
  hasPartyBranch: boolean;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
  status: string;
}): OrganizationFormValues {
  return {
    name: o.name,
    creditCode: o.creditCode,
    kind: o.kind,
    regionId: String(o.regionId),
    registeredOn: o.registeredOn ?? undefined,
    hasPartyBranch: o.hasPartyBranch ? "on" : undefined,
    contactName: o.contactName ?? undefined,
    contactPhone: o.contactPhone ?? undefined,
    contactEmail: o.contactEmail ?? undefined,
    address: o.address ?? undefined,
    status: o.status,
  };
}

export function OrganizationForm({
  lastResult,
  defaultValue,
  formKey,
  choices: { regions, kinds, statuses },
  cancelTo,
  submitLabel,
}: RecordFormProps<OrganizationFormValues> & { choices: OrganizationFormChoices }) {
  const { t } = useTranslation(["organizations", "common"]);
  const [form, fields] = useMessageForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  return (
    <RecordForm
      form={form}
      schema={organizationSchema}
      formKey={formKey}
      submitLabel={submitLabel}
      cancelTo={cancelTo}
    >
      <FormInput field={fields.name} label={t("fields.name")} />
      <FormInput
        field={fields.creditCode}
        label={t("fields.creditCode")}
        hint={t("form.creditCodeHint")}
        maxLength={24}
        autoComplete="off"
        spellCheck={false}
        className="mono"
      />
      <div className="grid-2">
        <FormSelect field={fields.kind} label={t("fields.kind")}>
          <option value="">{t("form.choose")}</option>
          <EnumOptions name="organizationKind" values={kinds} />
        </FormSelect>
        <FormSelect field={fields.regionId} label={t("fields.region")} hint={t("form.regionHint")}>
          <option value="">{t("form.choose")}</option>
          <RegionOptions regions={regions} />
        </FormSelect>
      </div>
      <div className="grid-2">
        <FormInput field={fields.registeredOn} type="date" label={t("fields.registeredOn")} />
        <FormSelect field={fields.status} label={t("fields.status")}>
          <EnumOptions name="organizationStatus" values={statuses} />
        </FormSelect>
      </div>
      <label className="check">
        <input
          {...getInputProps(fields.hasPartyBranch, { type: "checkbox" })}
          key={fields.hasPartyBranch.key}
        />
        {t("form.hasPartyBranch")}
      </label>
      <fieldset className="fieldset">
        <legend>{t("fields.contact")}</legend>
        <div className="grid-2">
          <FormInput field={fields.contactName} label={t("fields.contactName")} />
          <FormInput field={fields.contactPhone} type="tel" label={t("fields.contactPhone")} />
        </div>
        <FormInput field={fields.contactEmail} type="email" label={t("fields.contactEmail")} />
        <FormInput field={fields.address} label={t("fields.address")} />
      </fieldset>
    </RecordForm>
  );
}
