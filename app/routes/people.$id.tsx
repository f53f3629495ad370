// One person's file (一人一档): details, the visiting cadence and why, open and past visits, activities attended;
// revealing the full ID number (one person at a time, audited), risk tier with who and why, a major event
// (a visit within 24 hours), scheduling a visit, leaving the register.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { personStatuses, riskTiers } from "#db/schema/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey, runOnce } from "~/modules/kernel/idempotency.server";
import { ageOn } from "~/modules/kernel/masking";
import {
  changePersonStatus,
  PersonConflict,
  revealIdNumber,
  setRiskTier,
  TooManyReveals,
} from "~/modules/people/mutations.server";
import { getPersonFile, personActivities, personVisitHistory } from "~/modules/people/queries.server";
import {
  majorEventKinds,
  majorEventSchema,
  revealReasonSchema,
  riskTierSchema,
  statusChangeSchema,
} from "~/modules/people/schemas";
import { CategoryList, PersonStatusBadge, RiskBadge } from "~/modules/people/ui";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import { scheduleEventVisit, scheduleVisit, VisitConflict } from "~/modules/visits/mutations.server";
import { colleaguesAt } from "~/modules/visits/queries.server";
import { rulesForPerson } from "~/modules/visits/rules.server";
import { daysOverdue } from "~/modules/visits/schedule";
import { scheduleSchema } from "~/modules/visits/schemas";
import { DueDate, VisitKindBadge } from "~/modules/visits/ui";
import peopleCss from "~/styles/people.css?url";
import visitsCss from "~/styles/visits.css?url";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "people", "visits"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleCss },
  { rel: "stylesheet", href: visitsCss },
];
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.person.fullName ?? "");

function personId(params: { id?: string }) {
  return routeId(params.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const id = personId(params);
  const person = await getPersonFile({ user, id });
  const [history, activities, rules, colleagues] = await Promise.all([
    userCan(user, "read:visit") ? personVisitHistory({ personId: id }) : Promise.resolve([]),
    personActivities({ personId: id }),
    rulesForPerson(db, person),
    person.stationId && userCan(user, "write:visit") ? colleaguesAt(person.stationId) : Promise.resolve([]),
  ]);
  const now = new Date();
  return {
    person,
    // Days overdue by the one rule (an event visit's deadline, else its due date), for the badges.
    history: history.map((v) => ({ ...v, overdueDays: daysOverdue(v, now) })),
    activities,
    rules,
    colleagues,
    today: todayInShanghai(),
    formKey: newFormKey(),
    can: {
      write: userCan(user, "write:person"),
      reveal: userCan(user, "reveal:person_id"),
      visits: userCan(user, "read:visit"),
      writeVisits: userCan(user, "write:visit"),
    },
  };
}

const intentSchema = z.object({ intent: z.enum(["reveal", "risk", "status", "event", "schedule"]) });

type ActionResult = { intent: string; result?: SubmissionResult<string[]>; revealed?: string; done?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const id = personId(params);
  const formData = await request.formData();
  const parsedIntent = intentSchema.safeParse({ intent: formData.get("intent") });
  if (!parsedIntent.success) throw new Response("Unknown action", { status: 400 });
  const { intent } = parsedIntent.data;
  const actor = auditActor(request, context, user);
  const today = todayInShanghai();
  const reply = (result: SubmissionResult<string[]>) =>
    data<ActionResult>({ intent, result }, { status: 400 });

  if (intent === "reveal") {
    if (!userCan(user, "reveal:person_id")) throw new Response("Forbidden", { status: 403 });
    const submission = parseWithZod(formData, { schema: revealReasonSchema });
    if (submission.status !== "success") return reply(submission.reply());
    try {
      const revealed = await revealIdNumber({ user, actor, personId: id, reason: submission.value.reason });
      // why: a revealed number must not sit in any cache, nor be replayed by the browser's history.
      return data<ActionResult>({ intent, revealed }, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof TooManyReveals)
        return reply(submission.reply({ formErrors: ["people:reveal.tooMany"] }));
      throw error;
    }
  }

  const writePermission = intent === "event" || intent === "schedule" ? "write:visit" : "write:person";
  if (!userCan(user, writePermission)) throw new Response("Forbidden", { status: 403 });
  const schema =
    intent === "risk"
      ? riskTierSchema
      : intent === "status"
        ? statusChangeSchema(today)
        : intent === "event"
          ? majorEventSchema
          : scheduleSchema(today);
  const submission = parseWithZod(formData, {
    schema: schema.and(z.object({ intent: z.string() })) as never,
  });
  if (submission.status !== "success") return reply(submission.reply());
  const key = formKeyFrom(formData);
  if (!key) return reply(submission.reply({ formErrors: ["validation.formExpired"] }));
  const value = submission.value as Record<string, never>;
  try {
    await runOnce({ key, userId: user.id, action: `person.${intent}` }, async (tx) => {
      if (intent === "risk")
        await setRiskTier(tx, {
          user,
          actor,
          personId: id,
          riskTier: value.riskTier,
          riskReason: value.riskReason,
        });
      else if (intent === "status")
        await changePersonStatus(tx, {
          user,
          actor,
          personId: id,
          status: value.status,
          statusOn: value.statusOn,
          statusReason: value.statusReason,
        });
      else if (intent === "event")
        await scheduleEventVisit(tx, {
          user,
          actor,
          personId: id,
          eventKind: value.eventKind,
          eventNote: value.eventNote,
        });
      else
        await scheduleVisit(tx, {
          user,
          actor,
          personId: id,
          dueOn: value.dueOn,
          assignedUserId: value.assignedUserId ? Number(value.assignedUserId) : undefined,
        });
      return { ok: true };
    });
  } catch (error) {
    if (error instanceof PersonConflict || error instanceof VisitConflict)
      return reply(submission.reply({ formErrors: [error.messageKey] }));
    throw error;
  }
  void nudgeReminders();
  return data<ActionResult>({ intent, done: intent, result: submission.reply({ resetForm: true }) });
}

export default function PersonFile() {
  const { person, history, activities, rules, colleagues, today, formKey, can } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t, i18n } = useTranslation(["people", "common", "visits"]);
  const [search] = useSearchParams();
  const lng = i18n.language;
  const open = history.filter((v) => v.status === "scheduled");
  const past = history.filter((v) => v.status !== "scheduled");
  const cadence = rules[0]?.intervalDays ?? null;
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const active = person.status === "active";
  return (
    <>
      <PageHeader
        title={
          <>
            {person.fullName} <PersonStatusBadge status={person.status} />
          </>
        }
        subtitle={[person.villageName, person.townshipName, person.stationName].filter(Boolean).join(" · ")}
        actions={
          <div className="btn-row">
            {can.write ? (
              <Link to={`/people/${person.id}/edit`} className="btn btn--secondary">
                {t("common:actions.edit")}
              </Link>
            ) : null}
            <Link to="/people" className="btn btn--ghost">
              {t("common:actions.back")}
            </Link>
          </div>
        }
      />
      {search.get("created") ? <p className="flash">{t("file.created")}</p> : null}
      {actionData?.done ? (
        <p className="flash" data-testid="flash">
          {t(`file.done.${actionData.done}`)}
        </p>
      ) : null}
      <div className="grid-2 person-file">
        <section className="card">
          <h2>{t("file.details")}</h2>
          <dl className="facts">
            <dt>{t("fields.sex")}</dt>
            <dd>
              {t(`common:enum.sex.${person.sex}`)} ·{" "}
              {t("register.age", { count: ageOn(person.birthDate, today) })}
            </dd>
            <dt>{t("fields.birthDate")}</dt>
            <dd>{formatDate(person.birthDate, lng)}</dd>
            <dt>{t("fields.idNumber")}</dt>
            <dd>
              {actionData?.revealed ? (
                <span className="revealed-id" data-testid="revealed-id">
                  <code>{actionData.revealed}</code>
                  <span className="muted small">{t("reveal.logged")}</span>
                </span>
              ) : (
                <code data-testid="masked-id">{person.idNumberMasked}</code>
              )}
              {can.reveal && !actionData?.revealed ? <RevealForm lastResult={resultFor("reveal")} /> : null}
            </dd>
            <dt>{t("fields.categories")}</dt>
            <dd>
              <CategoryList categories={person.categories} />
            </dd>
            <dt>{t("fields.riskTier")}</dt>
            <dd>
              <RiskBadge tier={person.riskTier} />
              {person.riskReason ? <div>{person.riskReason}</div> : null}
              {person.riskSetAt ? (
                <div className="muted small">
                  {t("file.riskSetBy", {
                    name: person.riskSetByName ?? "—",
                    at: formatDateTime(person.riskSetAt, lng),
                  })}
                </div>
              ) : null}
            </dd>
            <dt>{t("fields.address")}</dt>
            <dd>{person.address ?? "—"}</dd>
            <dt>{t("fields.phone")}</dt>
            <dd>{person.phone ?? "—"}</dd>
            {person.guardianName || person.guardianPhone ? (
              <>
                <dt>{t("fields.guardianName")}</dt>
                <dd>
                  {person.guardianName ?? "—"} {person.guardianPhone ? `· ${person.guardianPhone}` : ""}
                </dd>
              </>
            ) : null}
            {person.status !== "active" ? (
              <>
                <dt>{t("fields.status")}</dt>
                <dd>
                  {t(`common:enum.personStatus.${person.status}`)} · {formatDate(person.statusOn, lng)}
                  {person.statusReason ? <div>{person.statusReason}</div> : null}
                </dd>
              </>
            ) : null}
            {person.notes ? (
              <>
                <dt>{t("fields.notes")}</dt>
                <dd className="pre-line">{person.notes}</dd>
              </>
            ) : null}
          </dl>
          {person.contactMasked ? <p className="muted small">{t("file.contactMasked")}</p> : null}
        </section>

        <section className="card">
          <h2>{t("file.visits")}</h2>
          {cadence ? (
            <p>
              {t("file.cadence", { count: cadence })}{" "}
              <span className="muted small">
                {t("file.cadenceWhy", {
                  rules: rules
                    .map((r) =>
                      r.category
                        ? t(`common:enum.personCategory.${r.category}`)
                        : t(`common:enum.riskTier.${r.riskTier}`),
                    )
                    .join("、"),
                })}
              </span>
            </p>
          ) : null}
          {can.visits ? (
            open.length ? (
              <ul className="visit-list" data-testid="open-visits">
                {open.map((v) => (
                  <li key={v.id}>
                    <VisitKindBadge kind={v.kind} />{" "}
                    <DueDate dueOn={v.dueOn} today={today} overdueDays={v.overdueDays} />{" "}
                    <Link to={`/visits/${v.id}`}>{t("visits:list.open")}</Link>
                    {v.assignedName ? <span className="muted small"> · {v.assignedName}</span> : null}
                    {v.notes ? <div className="muted small">{v.notes}</div> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("file.noOpenVisit")}</p>
            )
          ) : null}
          {can.writeVisits && active && person.stationId ? (
            <>
              <ScheduleForm
                lastResult={resultFor("schedule")}
                formKey={formKey}
                colleagues={colleagues}
                today={today}
              />
              <EventForm lastResult={resultFor("event")} formKey={formKey} />
            </>
          ) : null}
        </section>
      </div>

      {can.visits ? (
        <section className="card card--flush">
          <h2 className="card__title">{t("file.history")}</h2>
          {past.length === 0 ? (
            <p className="empty-state">{t("file.noHistory")}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="visit-history">
                <thead>
                  <tr>
                    <th>{t("visits:fields.dueOn")}</th>
                    <th>{t("visits:fields.kind")}</th>
                    <th>{t("visits:fields.outcome")}</th>
                    <th>{t("visits:fields.completedAt")}</th>
                    <th>{t("visits:fields.notes")}</th>
                  </tr>
                </thead>
                <tbody>
                  {past.map((v) => (
                    <tr key={v.id}>
                      <td className="nowrap">
                        <Link to={`/visits/${v.id}`}>{formatDate(v.dueOn, lng)}</Link>
                      </td>
                      <td>
                        <VisitKindBadge kind={v.kind} />
                      </td>
                      <td>
                        {v.outcome
                          ? t(`common:enum.visitOutcome.${v.outcome}`)
                          : t(`common:enum.visitStatus.${v.status}`)}
                        {v.outcomeReason && v.outcome === "needs_follow_up" ? (
                          <div className="muted small">{v.outcomeReason}</div>
                        ) : null}
                      </td>
                      <td className="nowrap">
                        {formatDateTime(v.completedAt, lng)}
                        {v.completedByName ? <div className="muted small">{v.completedByName}</div> : null}
                      </td>
                      <td className="pre-line">{v.notes ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section className="card card--flush">
        <h2 className="card__title">{t("file.activities")}</h2>
        {activities.length === 0 ? (
          <p className="empty-state">{t("file.noActivities")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="activities-attended">
              <tbody>
                {activities.map((a) => (
                  <tr key={a.id}>
                    <td className="nowrap">{formatDate(a.occurredOn, lng)}</td>
                    <td>{t(`common:enum.activityKind.${a.kind}`)}</td>
                    <td>{a.organizationName}</td>
                    <td>{a.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {can.write ? (
        <div className="grid-2">
          <RiskForm lastResult={resultFor("risk")} formKey={formKey} current={person.riskTier} />
          <StatusForm
            lastResult={resultFor("status")}
            formKey={formKey}
            current={person.status}
            today={today}
          />
        </div>
      ) : null}
    </>
  );
}

function RevealForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("people");
  const [form, fields] = useForm<{ reason: string }>({ id: "reveal", lastResult });
  return (
    <details className="reveal" open={Boolean(lastResult)}>
      <summary>{t("reveal.open")}</summary>
      <Form method="post" className="form form--inline" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reveal" />
        <FormErrors errors={form.errors} />
        <TextField
          label={t("reveal.reason")}
          {...getInputProps(fields.reason, { type: "text" })}
          key={fields.reason.key}
          errors={fields.reason.errors}
          hint={t("reveal.hint")}
        />
        <button type="submit" className="btn btn--small btn--secondary">
          {t("reveal.submit")}
        </button>
      </Form>
    </details>
  );
}

function ScheduleForm({
  lastResult,
  formKey,
  colleagues,
  today,
}: {
  lastResult?: SubmissionResult<string[]>;
  formKey: string;
  colleagues: { id: number; name: string }[];
  today: string;
}) {
  const { t } = useTranslation(["visits", "people"]);
  const navigation = useNavigation();
  const [form, fields] = useForm<{ dueOn: string; assignedUserId: string }>({ id: "schedule", lastResult });
  return (
    <details className="subform" open={Boolean(lastResult?.error)}>
      <summary>{t("visits:schedule.title")}</summary>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="schedule" />
        <input type="hidden" name="_key" value={formKey} />
        <FormErrors errors={form.errors} />
        <TextField
          label={t("visits:fields.dueOn")}
          {...getInputProps(fields.dueOn, { type: "date" })}
          key={fields.dueOn.key}
          errors={fields.dueOn.errors}
          min={today}
        />
        {colleagues.length ? (
          <SelectField
            label={t("visits:fields.assignee")}
            {...getSelectProps(fields.assignedUserId)}
            key={fields.assignedUserId.key}
          >
            <option value="">{t("visits:schedule.keepAssignee")}</option>
            {colleagues.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <p className="field__hint">{t("visits:schedule.hint")}</p>
        <button type="submit" className="btn btn--small" disabled={navigation.state === "submitting"}>
          {t("visits:schedule.submit")}
        </button>
      </Form>
    </details>
  );
}

function EventForm({ lastResult, formKey }: { lastResult?: SubmissionResult<string[]>; formKey: string }) {
  const { t } = useTranslation(["people", "visits"]);
  const [form, fields] = useForm<{ eventKind: string; eventNote: string }>({ id: "event", lastResult });
  return (
    <details className="subform subform--alert" open={Boolean(lastResult?.error)}>
      <summary>{t("people:event.title")}</summary>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="event" />
        <input type="hidden" name="_key" value={formKey} />
        <FormErrors errors={form.errors} />
        <SelectField
          label={t("people:event.kind")}
          {...getSelectProps(fields.eventKind)}
          key={fields.eventKind.key}
          errors={fields.eventKind.errors}
        >
          <option value="">{t("people:form.choose")}</option>
          {majorEventKinds.map((k) => (
            <option key={k} value={k}>
              {t(`people:event.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("people:event.note")}
          {...getInputProps(fields.eventNote, { type: "text" })}
          key={fields.eventNote.key}
          errors={fields.eventNote.errors}
        />
        <p className="field__hint">{t("people:event.hint")}</p>
        <button type="submit" className="btn btn--small btn--danger">
          {t("people:event.submit")}
        </button>
      </Form>
    </details>
  );
}

function RiskForm({
  lastResult,
  formKey,
  current,
}: {
  lastResult?: SubmissionResult<string[]>;
  formKey: string;
  current: string;
}) {
  const { t } = useTranslation(["people", "common"]);
  const [form, fields] = useForm<{ riskTier: string; riskReason: string }>({
    id: "risk",
    lastResult,
    defaultValue: { riskTier: current, riskReason: "" },
  });
  return (
    <section className="card">
      <h2>{t("risk.title")}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="risk" />
        <input type="hidden" name="_key" value={formKey} />
        <FormErrors errors={form.errors} />
        <SelectField
          label={t("fields.riskTier")}
          {...getSelectProps(fields.riskTier)}
          key={fields.riskTier.key}
          errors={fields.riskTier.errors}
        >
          {riskTiers.map((r) => (
            <option key={r} value={r}>
              {t(`common:enum.riskTier.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("fields.riskReason")}
          {...getInputProps(fields.riskReason, { type: "text" })}
          key={fields.riskReason.key}
          errors={fields.riskReason.errors}
          hint={t("risk.hint")}
        />
        <button type="submit" className="btn btn--small btn--secondary">
          {t("risk.submit")}
        </button>
      </Form>
    </section>
  );
}

function StatusForm({
  lastResult,
  formKey,
  current,
  today,
}: {
  lastResult?: SubmissionResult<string[]>;
  formKey: string;
  current: string;
  today: string;
}) {
  const { t } = useTranslation(["people", "common"]);
  const [form, fields] = useForm<{ status: string; statusOn: string; statusReason: string }>({
    id: "status",
    lastResult,
    defaultValue: { status: "", statusOn: today, statusReason: "" },
  });
  const choices = personStatuses.filter((s) => s !== current);
  return (
    <section className="card">
      <h2>{current === "active" ? t("status.leaveTitle") : t("status.returnTitle")}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="_key" value={formKey} />
        <FormErrors errors={form.errors} />
        <SelectField
          label={t("fields.status")}
          {...getSelectProps(fields.status)}
          key={fields.status.key}
          errors={fields.status.errors}
        >
          {choices.map((s) => (
            <option key={s} value={s}>
              {t(`status.to.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("fields.statusOn")}
          {...getInputProps(fields.statusOn, { type: "date" })}
          key={fields.statusOn.key}
          errors={fields.statusOn.errors}
          max={today}
        />
        <TextField
          label={t("fields.statusReason")}
          {...getInputProps(fields.statusReason, { type: "text" })}
          key={fields.statusReason.key}
          errors={fields.statusReason.errors}
        />
        {current === "active" ? <p className="field__hint">{t("status.hint")}</p> : null}
        <button type="submit" className="btn btn--small btn--secondary">
          {t("status.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
