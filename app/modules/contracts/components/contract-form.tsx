// The contract form: who runs what, for which period and amount, bought how, promising what. Plain POST.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
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
          <TextField
            label={t("fields.code")}
            {...getInputProps(fields.code, { type: "text" })}
            key={fields.code.key}
            errors={fields.code.errors}
            hint={t("form.codeHint")}
            autoComplete="off"
          />
          <SelectField
            label={t("fields.procurementMethod")}
            {...getSelectProps(fields.procurementMethod)}
            key={fields.procurementMethod.key}
            errors={fields.procurementMethod.errors}
          >
            <option value="">{t("form.choose")}</option>
            {choices.procurementMethods.map((m) => (
              <option key={m} value={m}>
                {t(`common:enum.procurementMethod.${m}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          label={t("fields.title")}
          {...getInputProps(fields.title, { type: "text" })}
          key={fields.title.key}
          errors={fields.title.errors}
        />
        <div className="grid-2">
          <SelectField
            label={t("fields.organization")}
            {...getSelectProps(fields.organizationId)}
            key={fields.organizationId.key}
            errors={fields.organizationId.errors}
          >
            <option value="">{t("form.choose")}</option>
            {choices.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("fields.subject")}
            {...getSelectProps(fields.subject)}
            key={fields.subject.key}
            errors={fields.subject.errors}
            hint={t("form.subjectHint")}
          >
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
          </SelectField>
        </div>
        {organizationNotice?.(fields.organizationId.value)}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("form.periodAndMoney")}</legend>
        <div className="grid-3">
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
          <TextField
            label={t("fields.amountYuan")}
            {...getInputProps(fields.amount, { type: "text" })}
            key={fields.amount.key}
            errors={fields.amount.errors}
            inputMode="decimal"
            hint={t("form.amountHint")}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("form.deliverables")}</legend>
        <p className="field__hint">{t("form.deliverablesHint")}</p>
        <div className="grid-2">
          <TextField
            label={t("deliverables.activitiesPerMonth")}
            {...getInputProps(fields.activitiesPerMonth, { type: "number" })}
            key={fields.activitiesPerMonth.key}
            errors={fields.activitiesPerMonth.errors}
            min={0}
          />
          <TextField
            label={t("deliverables.personTimesPerYear")}
            {...getInputProps(fields.personTimesPerYear, { type: "number" })}
            key={fields.personTimesPerYear.key}
            errors={fields.personTimesPerYear.errors}
            min={0}
          />
          <TextField
            label={t("deliverables.homeVisitsPerPersonPerYear")}
            {...getInputProps(fields.homeVisitsPerPersonPerYear, { type: "number" })}
            key={fields.homeVisitsPerPersonPerYear.key}
            errors={fields.homeVisitsPerPersonPerYear.errors}
            min={0}
          />
          <TextField
            label={t("deliverables.peopleServed")}
            {...getInputProps(fields.peopleServed, { type: "number" })}
            key={fields.peopleServed.key}
            errors={fields.peopleServed.errors}
            min={0}
          />
        </div>
        <TextAreaField
          label={t("deliverables.notes")}
          {...getTextareaProps(fields.deliverableNotes)}
          key={fields.deliverableNotes.key}
          errors={fields.deliverableNotes.errors}
        />
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
