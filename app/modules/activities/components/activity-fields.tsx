// The figures and text of an activity, the same fields whether it is logged or edited.
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { activityKinds } from "#db/schema/enums";
import { EnumOptions } from "~/components/ui/enum-options";
import { type BoundField, FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";

type Name = "occurredOn" | "kind" | "participants" | "personTimes" | "hours" | "summary";
/** Conform's fields (the edit form) or checked-form.ts's (the logging form): both fit what the fields read. */
type Fields = Record<Name, BoundField>;

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
        <FormInput
          field={fields.occurredOn}
          type="date"
          label={t("form.occurredOn")}
          max={today}
          min={earliest}
          required
        />
        <FormSelect field={fields.kind} label={t("form.kind")} required>
          {log ? <option value="">{t("form.kindChoose")}</option> : null}
          <EnumOptions name="activityKind" values={activityKinds} />
        </FormSelect>
      </div>
      <div className="activity-form__row activity-form__row--3">
        <FormInput
          field={fields.participants}
          type="number"
          label={t("form.participants")}
          inputMode="numeric"
          required
          {...count}
          onInput={(e) => {
            if (!log || personTimesTyped.current) return;
            const other = e.currentTarget.form?.elements.namedItem(fields.personTimes.name);
            if (other instanceof HTMLInputElement) other.value = e.currentTarget.value;
          }}
        />
        <FormInput
          field={fields.personTimes}
          type="number"
          label={t("form.personTimes")}
          inputMode="numeric"
          required={!log}
          {...count}
          hint={log ? t("form.personTimesDefaultHint") : undefined}
          onInput={(e) => {
            personTimesTyped.current = e.currentTarget.value !== "";
          }}
        />
        <FormInput
          field={fields.hours}
          type="number"
          label={t("form.hours")}
          inputMode="decimal"
          min={log ? 0.5 : undefined}
          step={0.5}
          required
        />
      </div>
      <FormTextArea
        field={fields.summary}
        label={t("form.summary")}
        rows={4}
        required
        placeholder={log ? t("form.summaryPlaceholder") : undefined}
      />
    </>
  );
}
