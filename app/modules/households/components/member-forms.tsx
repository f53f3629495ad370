// The household page's forms: add a member (a file of the village in no household yet), remove one, hand the head to
// another member. Each carries its intent and the page's form key (ADR 008). Client-safe.
import { getSelectProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField } from "~/components/ui/field";
import { FormSelect } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { PostForm } from "~/components/ui/record-form";
import { ageOn } from "~/modules/kernel/masking";
import type { Message } from "~/modules/kernel/messages";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import type { HouseholdMember } from "../queries.server";
import { memberRelations } from "../relations";
import { householdActionSchema } from "../schemas";

type Candidate = { id: number; fullName: string; birthDate: string };

/** What every member form of the household page takes: the page's form key and its last answer. */
type MemberForm = { formKey: string; lastResult?: FormResult };

export function AddMemberForm({
  candidates,
  formKey,
  lastResult,
  today,
}: MemberForm & { candidates: Candidate[]; today: string }) {
  const { t } = useTranslation(["households", "common"]);
  const [form, fields] = useMessageForm<{ personId: string; relation: string }>({
    id: "add-member",
    lastResult,
    defaultValue: { personId: "", relation: "" },
  });
  return (
    <section className="card">
      <h2>{t("page.addTitle")}</h2>
      {candidates.length === 0 ? (
        <p className="muted">{t("page.noCandidates")}</p>
      ) : (
        <PostForm form={form} schema={householdActionSchema} intent="add_member" formKey={formKey}>
          <FormSelect field={fields.personId} label={t("fields.person")} hint={t("page.candidatesHint")}>
            <option value="">{t("page.choosePerson")}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {t("page.nameWith", {
                  name: c.fullName,
                  detail: t("page.age", { count: ageOn(c.birthDate, today) }),
                })}
              </option>
            ))}
          </FormSelect>
          <RelationSelect
            label={t("fields.relation")}
            {...getSelectProps(fields.relation)}
            key={fields.relation.key}
            errors={fields.relation.errors}
          />
          <button type="submit" className="btn btn--small">
            {t("page.addSubmit")}
          </button>
        </PostForm>
      )}
    </section>
  );
}

export function SetHeadForm({ members, formKey, lastResult }: MemberForm & { members: HouseholdMember[] }) {
  const { t } = useTranslation(["households", "common"]);
  const [form, fields] = useMessageForm<{ personId: string; formerHeadRelation: string }>({
    id: "set-head",
    lastResult,
    defaultValue: { personId: "", formerHeadRelation: "" },
  });
  const others = members.filter((m) => m.relation !== "head" && !m.person.masked);
  if (others.length === 0) return null;
  const hasHead = members.some((m) => m.relation === "head");
  return (
    <section className="card">
      <h2>{t("page.headTitle")}</h2>
      <PostForm form={form} schema={householdActionSchema} intent="set_head" formKey={formKey}>
        <FormSelect field={fields.personId} label={t("page.newHead")}>
          <option value="">{t("page.choosePerson")}</option>
          {others.map((m) => (
            <option key={m.person.id} value={m.person.id}>
              {t("page.nameWith", {
                name: m.person.fullName,
                detail: t(`common:enum.householdRelation.${m.relation}`),
              })}
            </option>
          ))}
        </FormSelect>
        {hasHead ? (
          <RelationSelect
            label={t("page.formerHeadRelation")}
            {...getSelectProps(fields.formerHeadRelation)}
            key={fields.formerHeadRelation.key}
            errors={fields.formerHeadRelation.errors}
          />
        ) : (
          <input type="hidden" name="formerHeadRelation" value="other" />
        )}
        <button type="submit" className="btn btn--small btn--secondary">
          {t("page.headSubmit")}
        </button>
      </PostForm>
    </section>
  );
}

/** One button per member, beside their row's name in the list below the table. */
export function RemoveMemberForms({
  members,
  formKey,
  lastResult,
}: MemberForm & { members: HouseholdMember[] }) {
  const { t } = useTranslation(["households", "common"]);
  const [form] = useMessageForm<{ personId: string }>({ id: "remove-member", lastResult });
  const removable = members.filter((m) => !m.person.masked);
  if (removable.length === 0) return null;
  return (
    <section className="card">
      <h2>{t("page.removeTitle")}</h2>
      <FormErrors errors={[...(form.errors ?? []), ...(form.allErrors.personId ?? [])]} />
      <ul className="household-visits">
        {removable.map((m) => (
          <li key={m.person.id}>
            <Form method="post" className="household-remove">
              <input type="hidden" name="intent" value="remove_member" />
              <input type="hidden" name="personId" value={m.person.id} />
              <FormKey value={formKey} />
              {t("page.nameWith", {
                name: m.person.fullName,
                detail: t(`common:enum.householdRelation.${m.relation}`),
              })}{" "}
              <button
                type="submit"
                className="btn btn--small btn--ghost"
                data-testid={`remove-${m.person.id}`}
              >
                {t("page.removeSubmit")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RelationSelect({
  label,
  errors,
  ...select
}: { label: string; errors?: Message[] | null } & ReturnType<typeof getSelectProps>) {
  const { t } = useTranslation(["households"]);
  return (
    <SelectField label={label} {...select} errors={errors}>
      <option value="">{t("page.chooseRelation")}</option>
      {memberRelations.map((r) => (
        <option key={r} value={r}>
          {t(`common:enum.householdRelation.${r}`)}
        </option>
      ))}
    </SelectField>
  );
}
