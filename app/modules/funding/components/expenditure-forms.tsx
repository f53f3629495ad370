// The two forms of a contract's expenditures page: recording an expenditure, and reversing (冲销) a mistaken one.
import { getFormProps, getInputProps } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActivityKind, ExpenditureCategory } from "#db/schema";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormErrors, TextAreaField } from "~/components/ui/field";
import { FormButtons } from "~/components/ui/form-buttons";
import { FormInput, FormSelect } from "~/components/ui/form-fields";
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
        <FormButtons submitLabel={t("expenditure.reverseSubmit")} cancelTo={cancelTo} danger />
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
        <FormInput
          field={fields.spentOn}
          type="date"
          label={t("expenditure.spentOn")}
          min={c.startsOn}
          max={c.endsOn}
          hint={t("expenditure.periodHint", {
            startsOn: formatDate(c.startsOn, lang),
            endsOn: formatDate(c.endsOn, lang),
          })}
        />
        <FormSelect field={fields.category} label={t("expenditure.category")}>
          <option value="">{t("expenditure.choose")}</option>
          <EnumOptions name="expenditureCategory" values={categories} />
        </FormSelect>
        <FormInput
          field={fields.amount}
          label={t("expenditure.amountYuan")}
          inputMode="decimal"
          autoComplete="off"
          hint={t("expenditure.amountHint")}
        />
        <FormInput field={fields.description} label={t("expenditure.description")} />
        <FormSelect
          field={fields.activityId}
          label={t("expenditure.activity")}
          hint={t("expenditure.activityHint")}
        >
          <option value="">{t("expenditure.noActivity")}</option>
          {activityOptions.map((a) => (
            <option key={a.id} value={a.id}>
              {formatDate(a.occurredOn, lang)} · {t(`common:enum.activityKind.${a.kind}`)} ·{" "}
              {a.summary.slice(0, 24)}
            </option>
          ))}
        </FormSelect>
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {t("expenditure.submit")}
        </button>
      </SchemaForm>
    </section>
  );
}
