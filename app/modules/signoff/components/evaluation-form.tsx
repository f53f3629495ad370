// The evaluation form: kind (中期/结项), date, evaluator, a score (0–100) for each deliverable the contract measures,
// the recipients' satisfaction (asked, satisfied), findings and the conclusion.
import { getFormProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { evaluationConclusions, evaluationKinds } from "#db/schema/signoff";
import { FormErrors } from "~/components/ui/field";
import { FormButtons } from "~/components/ui/form-buttons";
import { FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
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
        <FormSelect field={fields.kind} label={t("evaluation.kind")} required>
          <option value="">{t("contracts:form.choose")}</option>
          {evaluationKinds.map((k) => (
            <option key={k} value={k}>
              {t(`evaluation.kinds.${k}`)}
            </option>
          ))}
        </FormSelect>
        <FormInput field={fields.evaluatedOn} type="date" label={t("evaluation.evaluatedOn")} required />
      </div>
      <FormInput
        field={fields.evaluator}
        label={t("evaluation.evaluator")}
        hint={t("evaluation.evaluatorHint")}
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
              <FormInput
                key={d}
                field={f}
                type="number"
                label={t(`contracts:deliverables.items.${d}`)}
                hint={t("evaluation.scoreHint")}
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
          <FormInput
            field={fields.satisfactionAsked}
            type="number"
            label={t("evaluation.asked")}
            min={0}
            required
          />
          <FormInput
            field={fields.satisfactionSatisfied}
            type="number"
            label={t("evaluation.satisfied")}
            min={0}
            required
          />
        </div>
      </fieldset>
      <FormTextArea
        field={fields.findings}
        label={t("evaluation.findings")}
        rows={4}
        maxLength={4000}
        required
      />
      <FormSelect field={fields.conclusion} label={t("evaluation.conclusion")} required>
        <option value="">{t("contracts:form.choose")}</option>
        {evaluationConclusions.map((c) => (
          <option key={c} value={c}>
            {t(`evaluation.conclusions.${c}`)}
          </option>
        ))}
      </FormSelect>
      <FormButtons submitLabel={t("evaluation.save")} cancelTo={cancelTo} />
    </SchemaForm>
  );
}
