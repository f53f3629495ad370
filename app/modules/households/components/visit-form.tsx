// The household visit's form: the day (and time) once, then for each member with an open visit an outcome (none:
// that member's visit stays open) and what that outcome asks for. Client-safe.
import { getFormProps, getInputProps } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { visitOutcomes } from "#db/schema/enums";
import { EnumOptions } from "~/components/ui/enum-options";
import { FormErrors } from "~/components/ui/field";
import { FormInput, FormSelect, FormTextArea } from "~/components/ui/form-fields";
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
        <FormInput field={fields.visitedOn} type="date" label={t("visits:fields.visitedOn")} max={today} />
        <FormInput field={fields.visitedTime} type="time" label={t("visits:fields.visitedTime")} />
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
            {t("visit.noOpenVisit", {
              name: m.fullName,
              relation: t(`common:enum.householdRelation.${m.relation}`),
            })}
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
        {t("page.nameWith", {
          name: member.fullName,
          detail: t(`common:enum.householdRelation.${member.relation}`),
        })}
      </legend>
      <p className="muted small">{t("visit.due", { date: dueLabel })}</p>
      <input {...getInputProps(fields.visitId, { type: "hidden" })} key={fields.visitId.key} />
      <input {...getInputProps(fields.baseVersion, { type: "hidden" })} key={fields.baseVersion.key} />
      <FormSelect field={fields.outcome} label={t("visits:fields.outcome")}>
        <option value="">{t("visit.notNow")}</option>
        <EnumOptions name="visitOutcome" values={visitOutcomes} />
      </FormSelect>
      <div className={when("needs_follow_up", fields.followUpReason.errors ?? fields.followUpOn.errors)}>
        <FormInput field={fields.followUpReason} label={t("visits:fields.followUpReason")} />
        <FormInput field={fields.followUpOn} type="date" label={t("visits:fields.followUpOn")} />
      </div>
      <div className={when("hospitalised", fields.returnOn.errors)}>
        <FormInput field={fields.returnOn} type="date" label={t("visits:fields.returnOn")} />
      </div>
      <div className={when("moved", fields.destination.errors)}>
        <FormInput field={fields.destination} label={t("visits:fields.destination")} />
      </div>
      <FormTextArea field={fields.notes} label={t("visits:fields.notes")} rows={2} />
    </fieldset>
  );
}
