// The evaluation form: kind (中期/结项), date, evaluator, a score (0–100) for each deliverable the contract measures,
// the recipients' satisfaction (asked, satisfied), findings and the conclusion.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { evaluationConclusions, evaluationKinds } from "#db/schema/signoff";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { evaluationSchema, type ScoredDeliverable, scoreField } from "../schemas";

export function EvaluationForm({
  measured,
  formKey,
  lastResult,
  defaultDay,
  cancelTo,
}: {
  measured: ScoredDeliverable[];
  formKey: string;
  lastResult: FormResult | undefined;
  defaultDay: string;
  cancelTo: string;
}) {
  const { t } = useTranslation(["signoff", "contracts", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm<Record<string, string>>({
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { evaluatedOn: defaultDay },
  });
  return (
    <SchemaForm
      schema={evaluationSchema}
      method="post"
      className="form form--wide card"
      {...getFormProps(form)}
      data-testid="evaluation-form"
    >
      <FormKey value={formKey} />
      <FormErrors errors={form.errors} fieldErrors={form.allErrors} formId={form.id} />
      <div className="grid-2">
        <SelectField
          label={t("evaluation.kind")}
          {...getSelectProps(fields.kind)}
          key={fields.kind.key}
          errors={fields.kind.errors}
          required
        >
          <option value="">{t("contracts:form.choose")}</option>
          {evaluationKinds.map((k) => (
            <option key={k} value={k}>
              {t(`evaluation.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("evaluation.evaluatedOn")}
          {...getInputProps(fields.evaluatedOn, { type: "date" })}
          key={fields.evaluatedOn.key}
          errors={fields.evaluatedOn.errors}
          required
        />
      </div>
      <TextField
        label={t("evaluation.evaluator")}
        hint={t("evaluation.evaluatorHint")}
        {...getInputProps(fields.evaluator, { type: "text" })}
        key={fields.evaluator.key}
        errors={fields.evaluator.errors}
        required
        maxLength={200}
      />
      <fieldset className="fieldset">
        <legend>{t("evaluation.scores")}</legend>
        {measured.length === 0 ? <p className="muted">{t("evaluation.nothingMeasured")}</p> : null}
        <div className="grid-2">
          {measured.map((d) => {
            const f = fields[scoreField[d]];
            return (
              <TextField
                label={t(`contracts:deliverables.items.${d}`)}
                hint={t("evaluation.scoreHint")}
                {...getInputProps(f, { type: "number" })}
                key={f.key}
                errors={f.errors}
                min={0}
                max={100}
                required
              />
            );
          })}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("evaluation.satisfaction")}</legend>
        <div className="grid-2">
          <TextField
            label={t("evaluation.asked")}
            {...getInputProps(fields.satisfactionAsked, { type: "number" })}
            key={fields.satisfactionAsked.key}
            errors={fields.satisfactionAsked.errors}
            min={0}
            required
          />
          <TextField
            label={t("evaluation.satisfied")}
            {...getInputProps(fields.satisfactionSatisfied, { type: "number" })}
            key={fields.satisfactionSatisfied.key}
            errors={fields.satisfactionSatisfied.errors}
            min={0}
            required
          />
        </div>
      </fieldset>
      <TextAreaField
        label={t("evaluation.findings")}
        {...getTextareaProps(fields.findings)}
        key={fields.findings.key}
        errors={fields.findings.errors}
        rows={4}
        maxLength={4000}
        required
      />
      <SelectField
        label={t("evaluation.conclusion")}
        {...getSelectProps(fields.conclusion)}
        key={fields.conclusion.key}
        errors={fields.conclusion.errors}
        required
      >
        <option value="">{t("contracts:form.choose")}</option>
        {evaluationConclusions.map((c) => (
          <option key={c} value={c}>
            {t(`evaluation.conclusions.${c}`)}
          </option>
        ))}
      </SelectField>
      <div className="btn-row">
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {t("evaluation.save")}
        </button>
        <Link to={cancelTo} className="btn btn--ghost">
          {t("common:actions.cancel")}
        </Link>
      </div>
    </SchemaForm>
  );
}
