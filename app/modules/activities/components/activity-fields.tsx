// The figures and text of an activity, the same fields whether it is logged or edited.
import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { activityKinds } from "#db/schema/enums";
import { SelectField, TextAreaField, TextField } from "~/components/ui/field";
import type { Message } from "~/modules/kernel/messages";

type Name = "occurredOn" | "kind" | "participants" | "personTimes" | "hours" | "summary";
// biome-ignore lint/suspicious/noExplicitAny: the logging and the editing form differ in their other fields
type Fields = Record<Name, FieldMetadata<any, any, Message[]>>;

/** `log` guides a new entry (a kind to choose, bounds and hints); `edit` shows the values as they are. */
export function ActivityFields({
  fields,
  mode,
  today,
  earliest,
}: {
  fields: Fields;
  mode: "log" | "edit";
  today: string;
  /** The contract's first day, once a contract is chosen. */
  earliest: string | undefined;
}) {
  const { t } = useTranslation(["activities", "common"]);
  const log = mode === "log";
  const count = log ? { min: 1, step: 1 } : {};
  // Logging, the person-times follow the participants until typed over (most activities count each person once).
  const personTimesTyped = useRef(false);
  return (
    <>
      <div className="activity-form__row">
        <TextField
          label={t("form.occurredOn")}
          {...getInputProps(fields.occurredOn, { type: "date" })}
          key={fields.occurredOn.key}
          errors={fields.occurredOn.errors}
          max={today}
          min={earliest}
          required
        />
        <SelectField
          label={t("form.kind")}
          {...getSelectProps(fields.kind)}
          key={fields.kind.key}
          errors={fields.kind.errors}
          required
        >
          {log ? <option value="">{t("form.kindChoose")}</option> : null}
          {activityKinds.map((k) => (
            <option key={k} value={k}>
              {t(`common:enum.activityKind.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="activity-form__row activity-form__row--3">
        <TextField
          label={t("form.participants")}
          {...getInputProps(fields.participants, { type: "number" })}
          key={fields.participants.key}
          errors={fields.participants.errors}
          inputMode="numeric"
          required
          {...count}
          onInput={(e) => {
            if (!log || personTimesTyped.current) return;
            const other = e.currentTarget.form?.elements.namedItem(fields.personTimes.name);
            if (other instanceof HTMLInputElement) other.value = e.currentTarget.value;
          }}
        />
        <TextField
          label={t("form.personTimes")}
          {...getInputProps(fields.personTimes, { type: "number" })}
          key={fields.personTimes.key}
          errors={fields.personTimes.errors}
          inputMode="numeric"
          required={!log}
          {...count}
          hint={log ? t("form.personTimesDefaultHint") : undefined}
          onInput={(e) => {
            personTimesTyped.current = e.currentTarget.value !== "";
          }}
        />
        <TextField
          label={t("form.hours")}
          {...getInputProps(fields.hours, { type: "number" })}
          key={fields.hours.key}
          errors={fields.hours.errors}
          inputMode="decimal"
          min={log ? 0.5 : undefined}
          step={0.5}
          required
        />
      </div>
      <TextAreaField
        label={t("form.summary")}
        {...getTextareaProps(fields.summary)}
        key={fields.summary.key}
        errors={fields.summary.errors}
        rows={4}
        required
        placeholder={log ? t("form.summaryPlaceholder") : undefined}
      />
    </>
  );
}
