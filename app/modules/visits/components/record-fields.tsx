// The structured home-visit record's fields (入户走访记录) inside the record form, folded away until opened. Plain
// inputs named as record.ts's form fields, so the form works without JavaScript. Client-safe.
import { useTranslation } from "react-i18next";
import { referralKinds } from "#db/schema/enums";
import { FieldErrors, RequiredMark, useRequired } from "~/components/ui/field";
import type { Message } from "~/modules/kernel/messages";
import {
  foodOptions,
  heatingOptions,
  housingOptions,
  needKinds,
  presentOptions,
  seenOptions,
  waterOptions,
} from "../record-options";

type Errors = Record<string, Message[] | undefined>;
/** What the refused post sent, so nothing typed is lost. */
type Initial = Record<string, unknown> | undefined;

const sent = (initial: Initial, name: string): string[] => {
  const v = initial?.[name];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
};

function Choices({
  name,
  options,
  multiple,
  errors,
  initial,
}: {
  name: string;
  options: readonly string[];
  multiple?: boolean;
  errors?: Message[];
  initial: Initial;
}) {
  const { t } = useTranslation("visits");
  const chosen = sent(initial, name);
  const required = useRequired(name);
  return (
    <fieldset className="record-choices">
      <legend>
        {t(`record.fields.${name}`)}
        {required ? <RequiredMark /> : null}
      </legend>
      <div className="record-choices__options">
        {options.map((o) => (
          <label key={o} className="record-choice">
            <input
              type={multiple ? "checkbox" : "radio"}
              name={name}
              value={o}
              required={(required && !multiple) || undefined}
              defaultChecked={chosen.includes(o)}
            />
            <span>{t(`record.options.${name}.${o}`)}</span>
          </label>
        ))}
      </div>
      <FieldErrors id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}

function Text({ name, errors, initial }: { name: string; errors?: Message[]; initial: Initial }) {
  const { t } = useTranslation("visits");
  const required = useRequired(name);
  return (
    <label className="field">
      <span className="field__label">
        {t(`record.fields.${name}`)}
        {required ? <RequiredMark /> : null}
      </span>
      <textarea
        name={name}
        aria-required={required || undefined}
        rows={2}
        maxLength={500}
        className="input"
        defaultValue={sent(initial, name)[0] ?? ""}
      />
      <FieldErrors id={`${name}-error`} errors={errors} />
    </label>
  );
}

export function RecordFields({ errors, initial }: { errors: Errors; initial: Initial }) {
  const { t } = useTranslation("visits");
  const open = Object.values(errors).some((e) => e?.length) || sent(initial, "seen").length > 0;
  return (
    <details className="record-fields" open={open} data-testid="record-fields">
      <summary>{t("record.structured")}</summary>
      <p className="field__hint">{t("record.structuredHint")}</p>
      <Choices initial={initial} name="seen" options={seenOptions} errors={errors.seen} />
      <Choices initial={initial} name="present" options={presentOptions} multiple />
      <div className="grid-2">
        <Choices initial={initial} name="housing" options={housingOptions} />
        <Choices initial={initial} name="heating" options={heatingOptions} />
        <Choices initial={initial} name="water" options={waterOptions} />
        <Choices initial={initial} name="food" options={foodOptions} />
      </div>
      <div className="grid-2">
        <Text initial={initial} name="health" errors={errors.health} />
        <Text initial={initial} name="careNeeds" errors={errors.careNeeds} />
      </div>
      <Choices initial={initial} name="needs" options={needKinds} multiple errors={errors.needs} />
      <Text initial={initial} name="needsText" errors={errors.needsText} />
      <Text initial={initial} name="services" errors={errors.services} />
      <Choices
        initial={initial}
        name="referrals"
        options={referralKinds}
        multiple
        errors={errors.referrals}
      />
      <Text initial={initial} name="referralNote" errors={errors.referralNote} />
    </details>
  );
}
