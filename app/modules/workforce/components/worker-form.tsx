// The worker form for registering and editing; works without JavaScript (plain POST, server validation).
import { useTranslation } from "react-i18next";
import { certificateKinds, socialWorkLevels, workerRoles } from "#db/schema/workforce-enums";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
import { RecordForm } from "~/components/ui/record-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { CERTIFICATE_SLOTS, workerSchema } from "../schemas";

type Choice = { id: number; name: string };

type CertificateValues = { kind?: string; name?: string; number?: string; year?: string };

export type WorkerFormValues = {
  intent?: string;
  fullName?: string;
  facilityId?: string;
  employerOrganizationId?: string;
  role?: string;
  phone?: string;
  accountEmail?: string;
  socialWorkLevel?: string;
  socialWorkCertificateNo?: string;
  socialWorkYear?: string;
  certificates?: CertificateValues[];
  startsOn?: string;
};

/** Every certificate slot, filled from the stored ones: the form always offers CERTIFICATE_SLOTS rows. */
export function certificateSlots(
  stored: { kind: string; name: string | null; number: string | null; year: number | null }[] = [],
): CertificateValues[] {
  return Array.from({ length: CERTIFICATE_SLOTS }, (_, i) => {
    const c = stored[i];
    return c
      ? { kind: c.kind, name: c.name ?? undefined, number: c.number ?? undefined, year: c.year?.toString() }
      : {};
  });
}

export function WorkerForm({
  lastResult,
  defaultValue,
  formKey,
  facilities,
  employers,
  cancelTo,
  submitLabel,
  intent,
}: {
  lastResult: FormResult | null | undefined;
  defaultValue: WorkerFormValues;
  formKey: string;
  facilities: Choice[];
  employers: Choice[];
  cancelTo: string;
  submitLabel: string;
  /** The page's intent when it has several forms. */
  intent?: string;
}) {
  const { t } = useTranslation(["workforce", "common"]);
  const [form, fields] = useMessageForm<WorkerFormValues>({
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
  });
  const slots = fields.certificates.getFieldList();
  return (
    <RecordForm
      form={form}
      schema={workerSchema}
      formKey={formKey}
      submitLabel={submitLabel}
      cancelTo={cancelTo}
      testId="worker-form"
    >
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <div className="grid-2">
        <FormInput field={fields.fullName} label={t("fields.fullName")} autoComplete="off" />
        <FormSelect field={fields.role} label={t("fields.role")}>
          <option value="">{t("form.choose")}</option>
          {workerRoles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </FormSelect>
      </div>
      <div className="grid-2">
        <FormSelect field={fields.facilityId} label={t("fields.facility")}>
          <option value="">{t("form.choose")}</option>
          {facilities.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </FormSelect>
        <FormSelect
          field={fields.employerOrganizationId}
          label={t("fields.employer")}
          hint={t("form.employerHint")}
        >
          <option value="">{t("form.employedByFacility")}</option>
          {employers.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </FormSelect>
      </div>
      <div className="grid-2">
        <FormInput field={fields.startsOn} type="date" label={t("fields.startsOn")} />
        <FormInput field={fields.phone} type="tel" label={t("fields.phone")} />
      </div>
      <FormInput
        field={fields.accountEmail}
        type="email"
        label={t("fields.account")}
        hint={t("form.accountHint")}
        autoComplete="off"
      />
      <fieldset className="fieldset">
        <legend>{t("form.qualification")}</legend>
        <div className="grid-2">
          <FormSelect field={fields.socialWorkLevel} label={t("fields.socialWorkLevel")}>
            <option value="">{t("form.noQualification")}</option>
            {socialWorkLevels.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </FormSelect>
          <FormInput
            field={fields.socialWorkYear}
            type="number"
            min={2008}
            label={t("fields.socialWorkYear")}
          />
        </div>
        <FormInput
          field={fields.socialWorkCertificateNo}
          label={t("fields.certificateNo")}
          autoComplete="off"
          className="mono"
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("form.otherCertificates")}</legend>
        {slots.map((slot, i) => {
          const c = slot.getFieldset();
          return (
            <div className="grid-2" key={slot.key} data-testid={`certificate-${i}`}>
              <FormSelect field={c.kind} label={t("fields.certificateKind")}>
                <option value="">{t("form.none")}</option>
                {certificateKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`certificates.${k}`)}
                  </option>
                ))}
              </FormSelect>
              <FormInput
                field={c.name}
                label={t("fields.certificateName")}
                hint={t("form.certificateNameHint")}
              />
              <FormInput field={c.number} label={t("fields.certificateNo")} autoComplete="off" />
              <FormInput field={c.year} type="number" min={1980} label={t("fields.certificateYear")} />
            </div>
          );
        })}
      </fieldset>
    </RecordForm>
  );
}
