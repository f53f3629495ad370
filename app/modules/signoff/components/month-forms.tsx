// The sign-off forms of one month: the organization submits (or resubmits) it; the planner approves or returns a
// submitted month, or reopens an approved one. Each form posts its own intent with the page's form key.
import { getFormProps } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/ui/field";
import { FormTextArea } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import type { SignoffIntent } from "../schemas";
import { signoffSchema } from "../schemas";

const fieldOf: Record<SignoffIntent, "note" | "comment"> = {
  submit: "note",
  approve: "comment",
  return: "comment",
  reopen: "comment",
};

const buttonTone: Record<SignoffIntent, string> = {
  submit: "btn",
  approve: "btn",
  return: "btn btn--danger",
  reopen: "btn btn--secondary",
};

function MonthForm({
  intent,
  month,
  formKey,
  lastResult,
  required,
}: {
  intent: SignoffIntent;
  month: string;
  formKey: string;
  lastResult: FormResult | undefined;
  required: boolean;
}) {
  const { t } = useTranslation(["signoff", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm<Record<"note" | "comment", string>>({
    id: `signoff-${intent}`,
    lastResult: lastResult?.initialValue?.intent === intent ? lastResult : undefined,
    shouldValidate: "onSubmit",
  });
  const field = fields[fieldOf[intent]];
  return (
    <SchemaForm
      schema={signoffSchema}
      intent={intent}
      note={required}
      method="post"
      className="form signoff-form"
      {...getFormProps(form)}
      data-testid={`signoff-${intent}`}
    >
      <FormKey value={formKey} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="month" value={month} />
      <FormErrors errors={form.errors} />
      <FormTextArea
        field={field}
        label={t(`form.${intent}.label`)}
        hint={t(`form.${intent}.hint`)}
        required={required}
        rows={2}
        maxLength={1000}
      />
      <button type="submit" className={buttonTone[intent]} disabled={navigation.state === "submitting"}>
        {t(`form.${intent}.button`)}
      </button>
    </SchemaForm>
  );
}

export function MonthForms({
  month,
  intents,
  formKey,
  lastResult,
}: {
  month: string;
  intents: SignoffIntent[];
  formKey: string;
  lastResult: FormResult | undefined;
}) {
  if (intents.length === 0) return null;
  return (
    <div className="signoff-forms">
      {intents.map((intent) => (
        <MonthForm
          key={intent}
          intent={intent}
          month={month}
          formKey={formKey}
          lastResult={lastResult}
          required={intent === "return" || intent === "reopen"}
        />
      ))}
    </div>
  );
}
