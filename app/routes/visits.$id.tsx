// One visit: record what happened (the next routine visit and any follow-up are scheduled), reschedule, or assign
// it to a colleague at the same station. Field forms stay light: plain POSTs that work without JavaScript.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { visitOutcomes } from "#db/schema/visits";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { runOnce } from "~/modules/kernel/idempotency.server";
import { parseForm } from "~/modules/kernel/messages";
import { type FormResult, useMessageForm } from "~/modules/kernel/use-form";
import { CategoryList, RiskBadge } from "~/modules/people/ui";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import {
  assignVisit,
  recordVisitOutcome,
  rescheduleVisit,
  VisitConflict,
} from "~/modules/visits/mutations.server";
import { colleaguesAt, getVisit } from "~/modules/visits/queries.server";
import { daysOverdue } from "~/modules/visits/schedule";
import { assignSchema, recordOutcomeSchema, rescheduleSchema } from "~/modules/visits/schemas";
import { DueDate, VisitKindBadge } from "~/modules/visits/ui";
import visitsCss from "~/styles/visits.css?url";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { formatDate, formatDateTime } from "~/utils/format";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "visits", "people"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.personName} · ${data.visit.dueOn}` : "");

function visitId(params: { id?: string }) {
  return routeId(params.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const visit = await getVisit({ user, id: visitId(params) });
  const canWrite = userCan(user, "write:visit");
  const now = new Date();
  return {
    ...visit,
    colleagues: canWrite ? await colleaguesAt(visit.visit.stationId) : [],
    today: todayInShanghai(now),
    overdueDays: daysOverdue(visit.visit, now),
    canWrite,
    formKey: newFormKey(),
  };
}

const intents = z.object({ intent: z.enum(["record", "reschedule", "assign"]) });
type ActionResult = { intent: string; result?: FormResult; done?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:visit");
  const id = visitId(params);
  const formData = await request.formData();
  const parsed = intents.safeParse({ intent: formData.get("intent") });
  if (!parsed.success) throw new Response("Unknown action", { status: 400 });
  const { intent } = parsed.data;
  const today = todayInShanghai();
  const actor = auditActor(request, context, user);
  const schema =
    intent === "record"
      ? recordOutcomeSchema(today)
      : intent === "reschedule"
        ? rescheduleSchema(today)
        : assignSchema;
  const submission = parseForm(formData, schema);
  const reply = (result: FormResult) => data<ActionResult>({ intent, result }, { status: 400 });
  if (submission.status !== "success") return reply(submission.reply());
  const key = formKeyFrom(formData);
  if (!key) return reply(submission.reply({ formErrors: ["validation.formExpired"] }));
  const value = submission.value as unknown as Record<string, never>;
  let followUp: number | null = null;
  try {
    const { result } = await runOnce({ key, userId: user.id, action: `visit.${intent}` }, async (tx) => {
      if (intent === "record") {
        const recorded = await recordVisitOutcome(tx, {
          user,
          actor,
          visitId: id,
          outcome: value.outcome,
          visitedOn: value.visitedOn,
          notes: value.notes,
          followUpReason: value.followUpReason,
          followUpOn: value.followUpOn,
        });
        return { followUpVisitId: recorded.followUpVisitId, nextVisitId: recorded.nextVisitId };
      }
      if (intent === "reschedule")
        await rescheduleVisit(tx, { user, actor, visitId: id, dueOn: value.dueOn, reason: value.reason });
      else await assignVisit(tx, { user, actor, visitId: id, assignedUserId: Number(value.assignedUserId) });
      return { followUpVisitId: null, nextVisitId: null };
    });
    followUp = (result.followUpVisitId as number | null) ?? null;
  } catch (error) {
    if (error instanceof VisitConflict) return reply(submission.reply({ formErrors: [error.messageKey] }));
    throw error;
  }
  void nudgeReminders();
  if (intent === "record")
    return redirect(`/visits/${id}?recorded=1${followUp ? `&followUp=${followUp}` : ""}`);
  return data<ActionResult>({ intent, done: intent });
}

export default function VisitPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t, i18n } = useTranslation(["visits", "common", "people"]);
  const [search] = useSearchParams();
  const lng = i18n.language;
  const v = d.visit;
  const open = v.status === "scheduled";
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const followUpId = search.get("followUp");
  const followUp = followUpId ? d.followUps.find((f) => String(f.id) === followUpId) : undefined;
  return (
    <>
      <PageHeader
        title={
          <>
            {d.personName} <VisitKindBadge kind={v.kind} />
          </>
        }
        subtitle={`${d.villageName} · ${d.stationName}`}
        actions={
          <div className="btn-row">
            <Link to={`/people/${v.personId}`} className="btn btn--secondary">
              {t("detail.file")}
            </Link>
            <Link to="/visits" className="btn btn--ghost">
              {t("common:actions.back")}
            </Link>
          </div>
        }
      />
      {search.get("recorded") ? (
        <div className="flash" data-testid="recorded">
          <p>{t("detail.recorded")}</p>
          {followUp ? (
            <p data-testid="follow-up-scheduled">
              {t("detail.followUpScheduled", { date: formatDate(followUp.dueOn, lng) })}{" "}
              <Link to={`/visits/${followUp.id}`}>{t("list.open")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {actionData?.done ? <p className="flash">{t(`detail.done.${actionData.done}`)}</p> : null}
      <div className="grid-2">
        <section className="card">
          <h2>{t("detail.visit")}</h2>
          <dl className="facts">
            <dt>{t("fields.dueOn")}</dt>
            <dd>
              {open ? (
                <DueDate dueOn={v.dueOn} today={d.today} overdueDays={d.overdueDays} />
              ) : (
                formatDate(v.dueOn, lng)
              )}
            </dd>
            {v.scheduledAt ? (
              <>
                <dt>{t("fields.deadline")}</dt>
                <dd>{formatDateTime(v.scheduledAt, lng)}</dd>
              </>
            ) : null}
            <dt>{t("fields.status")}</dt>
            <dd>{t(`common:enum.visitStatus.${v.status}`)}</dd>
            <dt>{t("fields.assignee")}</dt>
            <dd>{d.assignedName ?? t("list.unassigned")}</dd>
            {v.kind === "event" && v.outcomeReason ? (
              <>
                <dt>{t("fields.event")}</dt>
                <dd>{t(`people:event.kinds.${v.outcomeReason}`, { defaultValue: v.outcomeReason })}</dd>
              </>
            ) : null}
            {d.origin ? (
              <>
                <dt>{t("fields.followUpOf")}</dt>
                <dd>
                  <Link to={`/visits/${d.origin.id}`}>{formatDate(d.origin.dueOn, lng)}</Link>
                  {d.origin.outcomeReason ? (
                    <div className="muted small">{d.origin.outcomeReason}</div>
                  ) : null}
                </dd>
              </>
            ) : null}
            {v.outcome ? (
              <>
                <dt>{t("fields.outcome")}</dt>
                <dd>
                  {t(`common:enum.visitOutcome.${v.outcome}`)} · {formatDateTime(v.completedAt, lng)}
                  {d.completedByName ? <span className="muted"> · {d.completedByName}</span> : null}
                  {v.outcome === "needs_follow_up" && v.outcomeReason ? <div>{v.outcomeReason}</div> : null}
                </dd>
              </>
            ) : null}
            {v.notes ? (
              <>
                <dt>{t("fields.notes")}</dt>
                <dd className="pre-line">{v.notes}</dd>
              </>
            ) : null}
            {d.followUps.length ? (
              <>
                <dt>{t("fields.followUps")}</dt>
                <dd>
                  {d.followUps.map((f) => (
                    <div key={f.id}>
                      <Link to={`/visits/${f.id}`}>{formatDate(f.dueOn, lng)}</Link> ·{" "}
                      {t(`common:enum.visitStatus.${f.status}`)}
                    </div>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="card">
          <h2>{t("detail.person")}</h2>
          <dl className="facts">
            <dt>{t("people:fields.riskTier")}</dt>
            <dd>
              <RiskBadge tier={d.riskTier} />
            </dd>
            <dt>{t("people:fields.categories")}</dt>
            <dd>
              <CategoryList categories={d.categories} />
            </dd>
          </dl>
        </section>
      </div>
      {open && d.canWrite ? (
        <>
          <RecordForm lastResult={resultFor("record")} formKey={d.formKey} today={d.today} />
          <div className="grid-2">
            <RescheduleForm
              lastResult={resultFor("reschedule")}
              formKey={d.formKey}
              today={d.today}
              current={v.dueOn}
            />
            <AssignForm
              lastResult={resultFor("assign")}
              formKey={d.formKey}
              colleagues={d.colleagues}
              current={v.assignedUserId}
            />
          </div>
        </>
      ) : null}
    </>
  );
}

function RecordForm({
  lastResult,
  formKey,
  today,
}: {
  lastResult?: FormResult;
  formKey: string;
  today: string;
}) {
  const { t } = useTranslation(["visits", "common"]);
  const navigation = useNavigation();
  const [form, fields] = useMessageForm<{
    outcome: string;
    visitedOn: string;
    notes: string;
    followUpReason: string;
    followUpOn: string;
  }>({
    id: "record",
    lastResult,
    defaultValue: {
      outcome: "visited",
      visitedOn: today,
      notes: "",
      followUpReason: "",
      followUpOn: addDaysToDate(today, 14),
    },
  });
  const [outcome, setOutcome] = useState(String(lastResult?.initialValue?.outcome ?? "visited"));
  return (
    <section className="card record-card">
      <h2>{t("record.title")}</h2>
      <Form method="post" className="form form--wide" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="record" />
        <input type="hidden" name="_key" value={formKey} />
        <FormErrors errors={form.errors} />
        <fieldset className="outcome-choices">
          <legend>{t("fields.outcome")}</legend>
          {visitOutcomes.map((o) => (
            <label key={o} className="outcome-choice">
              <input
                type="radio"
                name={fields.outcome.name}
                value={o}
                defaultChecked={o === outcome}
                onChange={() => setOutcome(o)}
              />
              <span>{t(`common:enum.visitOutcome.${o}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="grid-2">
          <TextField
            label={t("fields.visitedOn")}
            {...getInputProps(fields.visitedOn, { type: "date" })}
            key={fields.visitedOn.key}
            errors={fields.visitedOn.errors}
            max={today}
          />
        </div>
        <TextAreaField
          label={t("fields.notes")}
          {...getTextareaProps(fields.notes)}
          key={fields.notes.key}
          errors={fields.notes.errors}
          rows={3}
          placeholder={t("record.notesPlaceholder")}
        />
        {/* Shown for "needs follow-up"; without JavaScript both stay visible and are ignored for other outcomes. */}
        <fieldset
          className={`follow-up-fields${outcome === "needs_follow_up" ? "" : " follow-up-fields--quiet"}`}
        >
          <legend>{t("record.followUp")}</legend>
          <div className="grid-2">
            <TextField
              label={t("fields.followUpReason")}
              {...getInputProps(fields.followUpReason, { type: "text" })}
              key={fields.followUpReason.key}
              errors={fields.followUpReason.errors}
            />
            <TextField
              label={t("fields.followUpOn")}
              {...getInputProps(fields.followUpOn, { type: "date" })}
              key={fields.followUpOn.key}
              errors={fields.followUpOn.errors}
              min={today}
            />
          </div>
        </fieldset>
        <p className="field__hint">{t("record.hint")}</p>
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {t("record.submit")}
        </button>
      </Form>
    </section>
  );
}

function RescheduleForm({
  lastResult,
  formKey,
  today,
  current,
}: {
  lastResult?: FormResult;
  formKey: string;
  today: string;
  current: string;
}) {
  const { t } = useTranslation(["visits", "common"]);
  const [form, fields] = useMessageForm<{ dueOn: string; reason: string }>({
    id: "reschedule",
    lastResult,
    defaultValue: { dueOn: current < today ? today : current, reason: "" },
  });
  return (
    <section className="card">
      <h2>{t("reschedule.title")}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="reschedule" />
        <input type="hidden" name="_key" value={formKey} />
        <FormErrors errors={form.errors} />
        <TextField
          label={t("fields.dueOn")}
          {...getInputProps(fields.dueOn, { type: "date" })}
          key={fields.dueOn.key}
          errors={fields.dueOn.errors}
          min={today}
        />
        <TextField
          label={t("reschedule.reason")}
          {...getInputProps(fields.reason, { type: "text" })}
          key={fields.reason.key}
          errors={fields.reason.errors}
        />
        <button type="submit" className="btn btn--secondary btn--small">
          {t("reschedule.submit")}
        </button>
      </Form>
    </section>
  );
}

function AssignForm({
  lastResult,
  formKey,
  colleagues,
  current,
}: {
  lastResult?: FormResult;
  formKey: string;
  colleagues: { id: number; name: string; isStationHead: boolean }[];
  current: number | null;
}) {
  const { t } = useTranslation(["visits", "common"]);
  const [form, fields] = useMessageForm<{ assignedUserId: string }>({
    id: "assign",
    lastResult,
    defaultValue: { assignedUserId: current ? String(current) : "" },
  });
  return (
    <section className="card">
      <h2>{t("assign.title")}</h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="_key" value={formKey} />
        <FormErrors errors={form.errors} />
        <SelectField
          label={t("fields.assignee")}
          {...getSelectProps(fields.assignedUserId)}
          key={fields.assignedUserId.key}
          errors={fields.assignedUserId.errors}
        >
          <option value="">{t("assign.choose")}</option>
          {colleagues.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.isStationHead ? ` (${t("assign.head")})` : ""}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn--secondary btn--small">
          {t("assign.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
