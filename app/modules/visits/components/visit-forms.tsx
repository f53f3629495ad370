// The forms on an open visit's page: record what happened, reschedule, assign to a colleague. Plain POSTs that work
// without JavaScript, each with its intent and the page's form key.
import { Form, useNavigation } from "@remix-run/react";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { visitOutcomes } from "#db/schema/enums";
import { FieldErrors, FormErrors, RequiredFields, RequiredMark } from "~/components/ui/field";
import { FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { GpsField } from "~/components/ui/gps-field";
import type { Message } from "~/modules/kernel/messages";
import { type ServerFormMeta, serverFormProps, useServerForm } from "~/modules/kernel/server-form";
import type { FormResult } from "~/modules/kernel/use-form";
import { addDaysToDate } from "~/utils/dates";
import type { VisitAction } from "../schemas";
import { RecordFields } from "./record-fields";

/**
 * A card with one intent's form: its title, the intent, the form key and the errors for the whole form. `required`:
 * the names the action's schema requires for this intent, from the loader (`requiredByIntent`), so the page's code
 * does not carry zod.
 */
function IntentCard({
  intent,
  required,
  title,
  formKey,
  form,
  cardClass = "card",
  formClass = "form",
  multipart = false,
  children,
}: {
  intent: VisitAction["intent"];
  required: readonly string[];
  title: string;
  formKey: string;
  form: ServerFormMeta;
  cardClass?: string;
  formClass?: string;
  /** The record form carries an optional photo. */
  multipart?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={cardClass}>
      <h2>{title}</h2>
      <Form
        method="post"
        className={formClass}
        encType={multipart ? "multipart/form-data" : undefined}
        {...serverFormProps(form)}
      >
        <input type="hidden" name="intent" value={intent} />
        <FormKey value={formKey} />
        <FormErrors errors={form.errors} />
        <RequiredFields names={required}>{children}</RequiredFields>
      </Form>
    </section>
  );
}

export function RecordForm({
  lastResult,
  required,
  formKey,
  today,
  version,
  stations = [],
}: {
  lastResult?: FormResult;
  /** What the schema requires of a record (the loader's `requiredByIntent`). */
  required: readonly string[];
  formKey: string;
  today: string;
  /** The visit's version the form was rendered from (ADR 014); unknown in an outbox item that did not carry one. */
  version?: number | null;
  /** Where a person who moved can be transferred to. */
  stations?: { id: number; name: string }[];
}) {
  const { t } = useTranslation(["visits", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useServerForm<{
    outcome: string;
    visitedOn: string;
    notes: string;
    followUpReason: string;
    followUpOn: string;
    visitedTime: string;
    returnOn: string;
    toStationId: string;
    destination: string;
  }>({
    id: "record",
    lastResult,
    // No outcome until the user picks one: recording closes the visit and plans the next, so it is a deliberate choice.
    defaultValue: {
      outcome: "",
      visitedOn: today,
      notes: "",
      followUpReason: "",
      followUpOn: addDaysToDate(today, 14),
      visitedTime: "",
      returnOn: "",
      toStationId: "",
      destination: "",
    },
  });
  const errors = (lastResult?.error ?? {}) as Record<string, Message[] | undefined>;
  const initial = lastResult?.initialValue as Record<string, unknown> | undefined;
  const [outcome, setOutcome] = useState(String(lastResult?.initialValue?.outcome ?? ""));
  return (
    <IntentCard
      intent="record"
      required={required}
      title={t("record.title")}
      formKey={formKey}
      form={form}
      cardClass="card record-card"
      formClass="form form--wide"
      multipart
    >
      <fieldset
        className={`outcome-choices${fields.outcome.errors?.length ? " field--invalid" : ""}`}
        aria-describedby={fields.outcome.errors?.length ? "outcome-error" : undefined}
      >
        <legend>
          {t("fields.outcome")}
          <RequiredMark />
        </legend>
        {visitOutcomes.map((o) => (
          <label key={o} className="outcome-choice">
            <input
              type="radio"
              required
              name={fields.outcome.name}
              value={o}
              defaultChecked={o === outcome}
              onChange={() => setOutcome(o)}
            />
            <span>{t(`common:enum.visitOutcome.${o}`)}</span>
          </label>
        ))}
        <FieldErrors id="outcome-error" errors={fields.outcome.errors} />
      </fieldset>
      {version != null ? <input type="hidden" name="baseVersion" value={version} /> : null}
      <DeviceClock />
      <div className="grid-2">
        <FormInput field={fields.visitedOn} type="date" label={t("fields.visitedOn")} max={today} />
        <FormInput field={fields.visitedTime} type="time" label={t("fields.visitedTime")} />
      </div>
      {/* Shown for their outcome; without JavaScript all stay visible and are ignored for the others. */}
      <fieldset
        className={outcome === "hospitalised" ? "outcome-extra" : "outcome-extra outcome-extra--quiet"}
      >
        <legend>{t("record.hospitalised")}</legend>
        <FormInput field={fields.returnOn} type="date" label={t("fields.returnOn")} min={today} />
      </fieldset>
      <fieldset className={outcome === "moved" ? "outcome-extra" : "outcome-extra outcome-extra--quiet"}>
        <legend>{t("record.moved")}</legend>
        <div className="grid-2">
          <FormSelect field={fields.toStationId} label={t("fields.toStation")}>
            <option value="">{t("record.outsideNetwork")}</option>
            {stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </FormSelect>
          <FormInput field={fields.destination} label={t("fields.destination")} />
        </div>
      </fieldset>
      <FormTextArea
        field={fields.notes}
        label={t("fields.notes")}
        rows={3}
        placeholder={t("record.notesPlaceholder")}
      />
      {/* Shown for "needs follow-up"; without JavaScript both stay visible and are ignored for other outcomes. */}
      <fieldset
        className={`follow-up-fields${outcome === "needs_follow_up" ? "" : " follow-up-fields--quiet"}`}
      >
        <legend>{t("record.followUp")}</legend>
        <div className="grid-2">
          <FormInput field={fields.followUpReason} label={t("fields.followUpReason")} />
          <FormInput field={fields.followUpOn} type="date" label={t("fields.followUpOn")} min={today} />
        </div>
      </fieldset>
      <RecordFields errors={errors} initial={initial} />
      <GpsField errors={[errors.lat, errors.lng, errors.gpsAccuracy].flatMap((e) => e ?? [])} />
      <label className="field">
        <span className="field__label">{t("record.photo")}</span>
        <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" capture="environment" />
        <FieldErrors id="photo-error" errors={errors.photo} />
      </label>
      <p className="field__hint">{t("record.hint")}</p>
      <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
        {t("record.submit")}
      </button>
    </IntentCard>
  );
}

/** The device's clock when the form is sent, for the plausibility check against the server's (JavaScript only). */
function DeviceClock() {
  const [now, setNow] = useState<string | null>(null);
  useEffect(() => {
    const tick = () => setNow(new Date().toISOString());
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, []);
  return now ? <input type="hidden" name="deviceTime" value={now} /> : null;
}

export function RescheduleForm({
  lastResult,
  required,
  formKey,
  today,
  current,
}: {
  lastResult?: FormResult;
  required: readonly string[];
  formKey: string;
  today: string;
  current: string;
}) {
  const { t } = useTranslation(["visits", "common"]);
  const [form, fields] = useServerForm<{ dueOn: string; reason: string }>({
    id: "reschedule",
    lastResult,
    defaultValue: { dueOn: current < today ? today : current, reason: "" },
  });
  return (
    <IntentCard
      intent="reschedule"
      required={required}
      title={t("reschedule.title")}
      formKey={formKey}
      form={form}
    >
      <FormInput field={fields.dueOn} type="date" label={t("fields.dueOn")} min={today} />
      <FormInput field={fields.reason} label={t("reschedule.reason")} />
      <button type="submit" className="btn btn--secondary btn--small">
        {t("reschedule.submit")}
      </button>
    </IntentCard>
  );
}

export function AssignForm({
  lastResult,
  required,
  formKey,
  colleagues,
  current,
}: {
  lastResult?: FormResult;
  required: readonly string[];
  formKey: string;
  colleagues: { id: number; name: string; isStationHead: boolean }[];
  current: number | null;
}) {
  const { t } = useTranslation(["visits", "common"]);
  const [form, fields] = useServerForm<{ assignedUserId: string }>({
    id: "assign",
    lastResult,
    defaultValue: { assignedUserId: current ? String(current) : "" },
  });
  return (
    <IntentCard intent="assign" required={required} title={t("assign.title")} formKey={formKey} form={form}>
      <FormSelect field={fields.assignedUserId} label={t("fields.assignee")}>
        <option value="">{t("assign.choose")}</option>
        {colleagues.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.isStationHead ? ` (${t("assign.head")})` : ""}
          </option>
        ))}
      </FormSelect>
      <button type="submit" className="btn btn--secondary btn--small">
        {t("assign.submit")}
      </button>
    </IntentCard>
  );
}
