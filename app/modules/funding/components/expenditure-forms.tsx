// The two forms of a contract's expenditures page: recording an expenditure, and reversing (冲销) a mistaken one.
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActivityKind, ExpenditureCategory } from "#db/schema";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import { Yuan } from "~/modules/kernel/money";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { formatDate } from "~/utils/format";
import { expenditureActionSchema } from "../schemas";

type Expenditure = {
  id: number;
  spentOn: string;
  category: ExpenditureCategory;
  amountFen: number;
  description: string;
};

export function ReverseExpenditureForm({
  expenditure: e,
  formKey,
  lastResult,
  cancelTo,
}: {
  expenditure: Expenditure;
  formKey: string | null;
  lastResult: FormResult | undefined;
  cancelTo: string;
}) {
  const { t, i18n } = useTranslation(["funding", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm<Record<"reason", string>>({
    id: `reverse-${formKey ?? ""}`,
    lastResult,
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card split__side" data-testid="reversal-card">
      <h2>{t("expenditure.reverseTitle")}</h2>
      <dl className="facts">
        <dt>{t("expenditure.spentOn")}</dt>
        <dd>{formatDate(e.spentOn, i18n.language)}</dd>
        <dt>{t("expenditure.category")}</dt>
        <dd>{t(`common:enum.expenditureCategory.${e.category}`)}</dd>
        <dt>{t("expenditure.amount")}</dt>
        <dd>
          <Yuan fen={e.amountFen} />
        </dd>
        <dt>{t("expenditure.description")}</dt>
        <dd>{e.description}</dd>
      </dl>
      <p className="muted small">{t("expenditure.reverseHint")}</p>
      <SchemaForm
        schema={expenditureActionSchema}
        intent="reverse"
        method="post"
        className="form"
        {...getFormProps(form)}
      >
        <FormKey value={formKey} />
        <input type="hidden" name="intent" value="reverse" />
        <input type="hidden" name="expenditureId" value={e.id} />
        <FormErrors errors={form.errors} />
        <TextAreaField
          label={t("expenditure.reverseReason")}
          {...getInputProps(fields.reason, { type: "text" })}
          key={fields.reason.key}
          errors={fields.reason.errors}
          rows={3}
          maxLength={200}
        />
        <div className="btn-row">
          <button type="submit" className="btn btn--danger" disabled={navigation.state === "submitting"}>
            {t("expenditure.reverseSubmit")}
          </button>
          <Link to={cancelTo} className="btn btn--ghost">
            {t("common:actions.cancel")}
          </Link>
        </div>
      </SchemaForm>
    </section>
  );
}

export function RecordExpenditureForm({
  contract: c,
  formKey,
  lastResult,
  defaultDay,
  categories,
  activityOptions,
}: {
  contract: { startsOn: string; endsOn: string };
  formKey: string | null;
  lastResult: FormResult | undefined;
  defaultDay: string;
  categories: readonly ExpenditureCategory[];
  activityOptions: { id: number; occurredOn: string; kind: ActivityKind; summary: string }[];
}) {
  const { t, i18n } = useTranslation(["funding", "common"]);
  const lang = i18n.language;
  const navigation = useNavigation();
  const [form, fields] = useMessageForm<
    Record<"spentOn" | "category" | "amount" | "description" | "activityId", string>
  >({
    // why: a fresh key per render of the page means a fresh, empty form after each recorded expenditure.
    id: formKey ?? "expenditure",
    lastResult,
    defaultValue: { spentOn: defaultDay },
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card split__side">
      <h2>{t("expenditure.record")}</h2>
      <SchemaForm
        schema={expenditureActionSchema}
        intent="record"
        method="post"
        className="form"
        {...getFormProps(form)}
      >
        <FormKey value={formKey} />
        <FormErrors errors={form.errors} />
        <TextField
          label={t("expenditure.spentOn")}
          {...getInputProps(fields.spentOn, { type: "date" })}
          key={fields.spentOn.key}
          errors={fields.spentOn.errors}
          min={c.startsOn}
          max={c.endsOn}
          hint={t("expenditure.periodHint", {
            startsOn: formatDate(c.startsOn, lang),
            endsOn: formatDate(c.endsOn, lang),
          })}
        />
        <SelectField
          label={t("expenditure.category")}
          {...getSelectProps(fields.category)}
          key={fields.category.key}
          errors={fields.category.errors}
        >
          <option value="">{t("expenditure.choose")}</option>
          {categories.map((k) => (
            <option key={k} value={k}>
              {t(`common:enum.expenditureCategory.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("expenditure.amountYuan")}
          {...getInputProps(fields.amount, { type: "text" })}
          key={fields.amount.key}
          errors={fields.amount.errors}
          inputMode="decimal"
          autoComplete="off"
          hint={t("expenditure.amountHint")}
        />
        <TextField
          label={t("expenditure.description")}
          {...getInputProps(fields.description, { type: "text" })}
          key={fields.description.key}
          errors={fields.description.errors}
        />
        <SelectField
          label={t("expenditure.activity")}
          {...getSelectProps(fields.activityId)}
          key={fields.activityId.key}
          errors={fields.activityId.errors}
          hint={t("expenditure.activityHint")}
        >
          <option value="">{t("expenditure.noActivity")}</option>
          {activityOptions.map((a) => (
            <option key={a.id} value={a.id}>
              {formatDate(a.occurredOn, lang)} · {t(`common:enum.activityKind.${a.kind}`)} ·{" "}
              {a.summary.slice(0, 24)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {t("expenditure.submit")}
        </button>
      </SchemaForm>
    </section>
  );
}
