// The contract form: who runs what, for which period and amount, bought how, promising what. Plain POST.
import { getFormProps } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormErrors } from "~/components/ui/field";
import { FormCodeInput, FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { contractSchema } from "../schemas";

export type ContractFormValues = Partial<
  Record<
    | "code"
    | "title"
    | "organizationId"
    | "subject"
    | "startsOn"
    | "endsOn"
    | "amount"
    | "procurementMethod"
    | "activitiesPerMonth"
    | "personTimesPerYear"
    | "homeVisitsPerPersonPerYear"
    | "peopleServed"
    | "deliverableNotes",
    string
  >
>;

type Choices = {
  organizations: { id: number; name: string }[];
  facilities: { id: number; name: string; kind: string; place: string }[];
  projects: { id: number; name: string }[];
  procurementMethods: readonly string[];
};

export function ContractForm({
  lastResult,
  defaultValue,
  formKey,
  choices,
  mode,
  cancelTo,
  organizationNotice,
}: {
  lastResult: FormResult | null | undefined;
  defaultValue?: ContractFormValues;
  formKey?: string;
  choices: Choices;
  mode: "create" | "edit";
  cancelTo: string;
  /** What the form says about the chosen organization (its last final evaluation failed), under its choice. */
  organizationNotice?: (organizationId: string | undefined) => ReactNode;
}) {
  const { t } = useTranslation(["contracts", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm({ lastResult, defaultValue, shouldValidate: "onSubmit" });
  const kinds = [...new Set(choices.facilities.map((f) => f.kind))];
  const busy = navigation.state === "submitting";
  return (
    <SchemaForm
      schema={contractSchema}
      method="post"
      className="form form--wide card"
      {...getFormProps(form)}
    >
      {formKey ? <FormKey value={formKey} /> : null}
      <FormErrors errors={form.errors} fieldErrors={form.allErrors} formId={form.id} />
      <fieldset className="fieldset">
        <legend>{t("form.basics")}</legend>
        <div className="grid-2">
          <FormCodeInput field={fields.code} label={t("fields.code")} hint={t("form.codeHint")} />
          <FormSelect field={fields.procurementMethod} label={t("fields.procurementMethod")}>
            <option value="">{t("form.choose")}</option>
            <EnumOptions name="procurementMethod" values={choices.procurementMethods} />
          </FormSelect>
        </div>
        <FormInput field={fields.title} label={t("fields.title")} />
        <div className="grid-2">
          <FormSelect field={fields.organizationId} label={t("fields.organization")}>
            <option value="">{t("form.choose")}</option>
            {choices.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </FormSelect>
          <FormSelect field={fields.subject} label={t("fields.subject")} hint={t("form.subjectHint")}>
            <option value="">{t("form.choose")}</option>
            {kinds.map((kind) => (
              <optgroup key={kind} label={t(`common:enum.facilityKind.${kind}`)}>
                {choices.facilities
                  .filter((f) => f.kind === kind)
                  .map((f) => (
                    <option key={f.id} value={`facility:${f.id}`}>
                      {f.name}（{f.place}）
                    </option>
                  ))}
              </optgroup>
            ))}
            {choices.projects.length ? (
              <optgroup label={t("form.projects")}>
                {choices.projects.map((p) => (
                  <option key={p.id} value={`project:${p.id}`}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </FormSelect>
        </div>
        {organizationNotice?.(fields.organizationId.value)}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("form.periodAndMoney")}</legend>
        <div className="grid-3">
          <FormInput field={fields.startsOn} type="date" label={t("fields.startsOn")} />
          <FormInput field={fields.endsOn} type="date" label={t("fields.endsOn")} />
          <FormInput
            field={fields.amount}
            label={t("fields.amountYuan")}
            inputMode="decimal"
            hint={t("form.amountHint")}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("form.deliverables")}</legend>
        <p className="field__hint">{t("form.deliverablesHint")}</p>
        <div className="grid-2">
          <FormInput
            field={fields.activitiesPerMonth}
            type="number"
            label={t("deliverables.activitiesPerMonth")}
            min={0}
          />
          <FormInput
            field={fields.personTimesPerYear}
            type="number"
            label={t("deliverables.personTimesPerYear")}
            min={0}
          />
          <FormInput
            field={fields.homeVisitsPerPersonPerYear}
            type="number"
            label={t("deliverables.homeVisitsPerPersonPerYear")}
            min={0}
          />
          <FormInput
            field={fields.peopleServed}
            type="number"
            label={t("deliverables.peopleServed")}
            min={0}
          />
        </div>
        <FormTextArea field={fields.deliverableNotes} label={t("deliverables.notes")} />
      </fieldset>
      <div className="btn-row form-actions">
        {mode === "create" ? (
          <>
            <button type="submit" name="intent" value="draft" className="btn btn--secondary" disabled={busy}>
              {t("form.saveDraft")}
            </button>
            <button type="submit" name="intent" value="activate" className="btn" disabled={busy}>
              {t("form.saveActivate")}
            </button>
          </>
        ) : (
          <button type="submit" className="btn" disabled={busy}>
            {t("common:actions.save")}
          </button>
        )}
        <Link to={cancelTo} className="btn btn--ghost">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </SchemaForm>
  );
}
