// The organization form for registering and editing; works without JavaScript (plain POST, server validation).
import { getInputProps, getSelectProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/ui/field";
import { RecordForm } from "~/components/ui/record-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";

type Choice = { id: number; name: string; level: string };

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
  regions,
  kinds,
  statuses,
  cancelTo,
  submitLabel,
}: {
  lastResult: FormResult | null | undefined;
  defaultValue?: OrganizationFormValues;
  formKey: string;
  regions: Choice[];
  kinds: readonly string[];
  statuses: readonly string[];
  cancelTo: string;
  submitLabel: string;
}) {
  const { t } = useTranslation(["organizations", "common"]);
  const [form, fields] = useMessageForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  return (
    <RecordForm form={form} formKey={formKey} submitLabel={submitLabel} cancelTo={cancelTo}>
      <TextField
        label={t("fields.name")}
        {...getInputProps(fields.name, { type: "text" })}
        key={fields.name.key}
        errors={fields.name.errors}
      />
      <TextField
        label={t("fields.creditCode")}
        {...getInputProps(fields.creditCode, { type: "text" })}
        key={fields.creditCode.key}
        errors={fields.creditCode.errors}
        hint={t("form.creditCodeHint")}
        maxLength={24}
        autoComplete="off"
        spellCheck={false}
        className="mono"
      />
      <div className="grid-2">
        <SelectField
          label={t("fields.kind")}
          {...getSelectProps(fields.kind)}
          key={fields.kind.key}
          errors={fields.kind.errors}
        >
          <option value="">{t("form.choose")}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`common:enum.organizationKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("fields.region")}
          {...getSelectProps(fields.regionId)}
          key={fields.regionId.key}
          errors={fields.regionId.errors}
          hint={t("form.regionHint")}
        >
          <option value="">{t("form.choose")}</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.level === "county" ? `\u3000${r.name}` : r.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid-2">
        <TextField
          label={t("fields.registeredOn")}
          {...getInputProps(fields.registeredOn, { type: "date" })}
          key={fields.registeredOn.key}
          errors={fields.registeredOn.errors}
        />
        <SelectField
          label={t("fields.status")}
          {...getSelectProps(fields.status)}
          key={fields.status.key}
          errors={fields.status.errors}
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`common:enum.organizationStatus.${s}`)}
            </option>
          ))}
        </SelectField>
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
          <TextField
            label={t("fields.contactName")}
            {...getInputProps(fields.contactName, { type: "text" })}
            key={fields.contactName.key}
            errors={fields.contactName.errors}
          />
          <TextField
            label={t("fields.contactPhone")}
            {...getInputProps(fields.contactPhone, { type: "tel" })}
            key={fields.contactPhone.key}
            errors={fields.contactPhone.errors}
          />
        </div>
        <TextField
          label={t("fields.contactEmail")}
          {...getInputProps(fields.contactEmail, { type: "email" })}
          key={fields.contactEmail.key}
          errors={fields.contactEmail.errors}
        />
        <TextField
          label={t("fields.address")}
          {...getInputProps(fields.address, { type: "text" })}
          key={fields.address.key}
          errors={fields.address.errors}
        />
      </fieldset>
    </RecordForm>
  );
}
