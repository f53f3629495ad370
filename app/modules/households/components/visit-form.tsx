// The household visit's form: the day (and time) once, then for each member with an open visit an outcome (none:
// that member's visit stays open) and what that outcome asks for. Client-safe.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { visitOutcomes } from "#db/schema/enums";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { formatDate } from "~/utils/format";
import { householdVisitSchema } from "../schemas";

export type VisitMember = {
  personId: number;
  fullName: string;
  relation: string;
  visitId: number | null;
  dueOn: string | null;
  version: number | null;
};

type MemberFields = {
  visitId: string;
  baseVersion: string;
  outcome: string;
  notes: string;
  followUpReason: string;
  followUpOn: string;
  returnOn: string;
  destination: string;
};

export function HouseholdVisitForm({
  members,
  formKey,
  today,
  lastResult,
}: {
  members: VisitMember[];
  formKey: string;
  today: string;
  lastResult?: FormResult;
}) {
  const { t, i18n } = useTranslation(["households", "visits", "common"]);
  const visitable = members.filter((m) => m.visitId !== null);
  const [form, fields] = useMessageForm<{ visitedOn: string; visitedTime: string; members: MemberFields[] }>({
    id: "household-visit",
    lastResult,
    defaultValue: {
      visitedOn: today,
      visitedTime: "",
      members: visitable.map((m) => ({
        visitId: String(m.visitId),
        baseVersion: String(m.version),
        outcome: "",
        notes: "",
        followUpReason: "",
        followUpOn: "",
        returnOn: "",
        destination: "",
      })),
    },
  });
  const busy = useNavigation().state === "submitting";
  const list = fields.members.getFieldList();
  return (
    <SchemaForm schema={householdVisitSchema(today)} method="post" className="form" {...getFormProps(form)}>
      <FormKey value={formKey} />
      <FormErrors errors={form.errors} fieldErrors={form.allErrors} formId={form.id} />
      <div className="member-outcome__extra">
        <TextField
          label={t("visits:fields.visitedOn")}
          {...getInputProps(fields.visitedOn, { type: "date" })}
          key={fields.visitedOn.key}
          max={today}
          errors={fields.visitedOn.errors}
        />
        <TextField
          label={t("visits:fields.visitedTime")}
          {...getInputProps(fields.visitedTime, { type: "time" })}
          key={fields.visitedTime.key}
          errors={fields.visitedTime.errors}
        />
      </div>
      {list.map((field, i) => (
        <MemberOutcome
          key={field.key}
          member={visitable[i]}
          fields={field.getFieldset()}
          dueLabel={formatDate(visitable[i]?.dueOn ?? null, i18n.language)}
        />
      ))}
      {members
        .filter((m) => m.visitId === null)
        .map((m) => (
          <p key={m.personId} className="muted">
            {t("visit.noOpenVisit", { name: m.fullName, relation: t(`relation.${m.relation}`) })}
          </p>
        ))}
      <button type="submit" className="btn" disabled={busy} data-testid="household-visit-submit">
        {t("visit.submit")}
      </button>
    </SchemaForm>
  );
}

function MemberOutcome({
  member,
  fields,
  dueLabel,
}: {
  member: VisitMember | undefined;
  fields: ReturnType<
    ReturnType<
      ReturnType<typeof useMessageForm<{ members: MemberFields[] }>>[1]["members"]["getFieldList"]
    >[number]["getFieldset"]
  >;
  dueLabel: string;
}) {
  const { t } = useTranslation(["households", "visits", "common"]);
  if (!member) return null;
  // Every outcome's fields are on the page; the stylesheet shows those of the chosen outcome (no script needed).
  const when = (outcome: string, errors: unknown) =>
    `member-outcome__when member-outcome__when--${outcome}${errors ? " member-outcome__when--shown" : ""}`;
  return (
    <fieldset className="member-outcome" data-testid={`member-outcome-${member.personId}`}>
      <legend>
        {t("page.nameWith", { name: member.fullName, detail: t(`relation.${member.relation}`) })}
      </legend>
      <p className="muted small">{t("visit.due", { date: dueLabel })}</p>
      <input {...getInputProps(fields.visitId, { type: "hidden" })} key={fields.visitId.key} />
      <input {...getInputProps(fields.baseVersion, { type: "hidden" })} key={fields.baseVersion.key} />
      <SelectField
        label={t("visits:fields.outcome")}
        {...getSelectProps(fields.outcome)}
        key={fields.outcome.key}
        errors={fields.outcome.errors}
      >
        <option value="">{t("visit.notNow")}</option>
        {visitOutcomes.map((o) => (
          <option key={o} value={o}>
            {t(`common:enum.visitOutcome.${o}`)}
          </option>
        ))}
      </SelectField>
      <div className={when("needs_follow_up", fields.followUpReason.errors ?? fields.followUpOn.errors)}>
        <TextField
          label={t("visits:fields.followUpReason")}
          {...getInputProps(fields.followUpReason, { type: "text" })}
          key={fields.followUpReason.key}
          errors={fields.followUpReason.errors}
        />
        <TextField
          label={t("visits:fields.followUpOn")}
          {...getInputProps(fields.followUpOn, { type: "date" })}
          key={fields.followUpOn.key}
          errors={fields.followUpOn.errors}
        />
      </div>
      <div className={when("hospitalised", fields.returnOn.errors)}>
        <TextField
          label={t("visits:fields.returnOn")}
          {...getInputProps(fields.returnOn, { type: "date" })}
          key={fields.returnOn.key}
          errors={fields.returnOn.errors}
        />
      </div>
      <div className={when("moved", fields.destination.errors)}>
        <TextField
          label={t("visits:fields.destination")}
          {...getInputProps(fields.destination, { type: "text" })}
          key={fields.destination.key}
          errors={fields.destination.errors}
        />
      </div>
      <TextAreaField
        label={t("visits:fields.notes")}
        {...getTextareaProps(fields.notes)}
        key={fields.notes.key}
        rows={2}
        errors={fields.notes.errors}
      />
    </fieldset>
  );
}
