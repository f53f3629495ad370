// One person's file (一人一档): details, the visiting cadence and why, open and past visits, activities attended;
// revealing the full ID number (one person at a time, audited), risk tier with who and why, a major event
// (a visit within 24 hours), scheduling a visit, leaving the register.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import type { Permission } from "~/modules/access/permissions";
import { auditActor } from "~/modules/audit/audit.server";
import { MergedNotice } from "~/modules/duplicates/components/merged-notice";
import { mergeLinksOf } from "~/modules/duplicates/merge.server";
import { packWhenOffline, queueWhenOffline } from "~/modules/field/offline";
import { HouseholdCard } from "~/modules/households/components/household-card";
import { householdOfPerson } from "~/modules/households/queries.server";
import { titleText } from "~/modules/i18n/meta";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import { requiredByIntent } from "~/modules/kernel/required";
import type { FormResult } from "~/modules/kernel/use-form";
import { RiskForm, StatusForm } from "~/modules/people/components/file-changes";
import { ActivitiesAttended, PersonDetails } from "~/modules/people/components/file-details";
import { FileViews } from "~/modules/people/components/file-views";
import { OpenVisits, VisitHistory } from "~/modules/people/components/file-visits";
import {
  FILE_VIEWS_SHOWN,
  fileViews,
  recordFileView,
  seesFileViews,
} from "~/modules/people/file-views.server";
import { changePersonStatus, revealIdNumber, setRiskTier } from "~/modules/people/mutations.server";
import { getPersonFile, personActivities, personVisitHistory } from "~/modules/people/queries.server";
import { type PersonFileAction, personFileActionSchema } from "~/modules/people/schemas";
import { PersonStatusBadge, peopleStylesheets } from "~/modules/people/ui";
import { VisitRecordTimeline } from "~/modules/visits/components/record-timeline";
import { recordMajorEvent, schedulePersonVisit } from "~/modules/visits/mutations.server";
import { colleaguesAt } from "~/modules/visits/queries.server";
import { personFieldRecords } from "~/modules/visits/record-timeline.server";
import { rulesForPerson } from "~/modules/visits/rules.server";
import { daysOverdue } from "~/modules/visits/schedule";
import visitsCss from "~/styles/visits.css?url";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "people", "visits"] };
export const links: LinksFunction = () => [...peopleStylesheets, { rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data?.person.fullName ?? "");

function personId(params: { id?: string }) {
  return routeId(params.id);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const id = personId(params);
  const person = await getPersonFile({ user, id });
  if (!person) notFound();
  const [history, field, activities, rules, colleagues, views, mergeLinks, household] = await Promise.all([
    userCan(user, "read:visit") ? personVisitHistory({ personId: id }) : Promise.resolve([]),
    userCan(user, "read:visit") ? personFieldRecords(id) : Promise.resolve(null),
    personActivities({ personId: id }),
    rulesForPerson(person),
    person.stationId && userCan(user, "write:visit") ? colleaguesAt(person.stationId) : Promise.resolve([]),
    seesFileViews(user) ? fileViews(id) : Promise.resolve(null),
    mergeLinksOf({ user, person }),
    userCan(user, "read:household") ? householdOfPerson({ user, personId: id }) : Promise.resolve(null),
    recordFileView(auditActor(request, context, user), user, id),
  ]);
  const now = new Date();
  const today = todayInShanghai(now);
  return {
    person,
    // Days overdue by the one rule (an event visit's deadline, else its due date), for the badges.
    history: history.map((v) => ({ ...v, overdueDays: daysOverdue(v, now) })),
    field,
    activities,
    rules,
    colleagues,
    views: views && {
      rows: views,
      shown: FILE_VIEWS_SHOWN,
      auditHref: userCan(user, "read:audit") ? `/audit?entityType=person&entityId=${id}` : null,
    },
    mergeLinks,
    household,
    today,
    formKey: newFormKey(),
    // The required marks, from the action's schema: the page's own code does not download zod (issue 13).
    required: requiredByIntent(personFileActionSchema(today), intents),
    can: {
      write: userCan(user, "write:person"),
      reveal: userCan(user, "reveal:person_id"),
      visits: userCan(user, "read:visit"),
      writeVisits: userCan(user, "write:visit"),
      writeHouseholds: userCan(user, "write:household"),
    },
  };
}

type Intent = PersonFileAction["intent"];
export const intents = intentList<Intent>()(["reveal", "risk", "status", "event", "schedule"]);
/** Who may post each form of the file; scope is checked by the module's query. */
const permissionFor: Record<Intent, Permission> = {
  reveal: "reveal:person_id",
  risk: "write:person",
  status: "write:person",
  event: "write:visit",
  schedule: "write:visit",
};

type ActionResult = { intent: Intent; result?: FormResult; revealed?: string; done?: Intent };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:person");
  const id = personId(params);
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  if (!userCan(user, permissionFor[intent])) throw new Response("Forbidden", { status: 403 });
  const submission = parseForm(formData, personFileActionSchema(todayInShanghai()));
  if (submission.status !== "success")
    return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
  const actor = auditActor(request, context, user);
  const key = formKeyFrom(formData);
  const input = submission.value;
  const outcome =
    input.intent === "reveal"
      ? await revealIdNumber({ user, actor, personId: id, reason: input.reason })
      : input.intent === "risk"
        ? await setRiskTier({ user, actor, key, personId: id, input })
        : input.intent === "status"
          ? await changePersonStatus({ user, actor, key, personId: id, input })
          : input.intent === "event"
            ? await recordMajorEvent({ user, actor, key, personId: id, input })
            : await schedulePersonVisit({ user, actor, key, personId: id, input });
  if (!outcome) notFound();
  if (!outcome.ok) return data<ActionResult>({ intent, result: submission.reply(outcome) }, { status: 400 });
  if ("idNumber" in outcome.value)
    // why: a revealed number must not sit in any cache, nor be replayed by the browser's history.
    return data<ActionResult>(
      { intent, revealed: String(outcome.value.idNumber) },
      { headers: { "Cache-Control": "no-store" } },
    );
  return data<ActionResult>({ intent, done: intent, result: submission.reply({ resetForm: true }) });
}

// Without a link: a new visit or event waits in the device's outbox; the file opens from the pack in the field app.
export const clientAction = queueWhenOffline("other", { onlineOnly: ["reveal"] });
export const clientLoader = packWhenOffline(() => "/field");

export default function PersonFile() {
  const {
    person,
    history,
    field,
    activities,
    rules,
    colleagues,
    views,
    mergeLinks,
    household,
    today,
    formKey,
    can,
    required,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["people", "common", "visits"]);
  const [search] = useSearchParams();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  const canSchedule = can.writeVisits && person.status === "active" && Boolean(person.stationId);
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
            <BackButton to="/people" />
          </div>
        }
      />
      {search.get("created") ? <p className="flash">{t("file.created")}</p> : null}
      <MergedNotice {...mergeLinks} />
      {actionData?.done ? (
        <p className="flash" data-testid="flash">
          {t(`file.done.${actionData.done}`)}
        </p>
      ) : null}
      <div className="grid-2 person-file">
        <PersonDetails
          person={person}
          today={today}
          revealed={actionData?.revealed}
          canReveal={can.reveal}
          revealResult={resultFor("reveal")}
          revealRequired={required.reveal}
        />
        <OpenVisits
          visits={history.filter((v) => v.status === "scheduled")}
          rules={rules}
          today={today}
          showVisits={can.visits}
          scheduling={
            canSchedule
              ? {
                  formKey,
                  colleagues,
                  scheduleResult: resultFor("schedule"),
                  eventResult: resultFor("event"),
                  required,
                }
              : undefined
          }
        />
      </div>
      <HouseholdCard household={household} personId={person.id} canWrite={can.writeHouseholds} />
      {field ? <VisitRecordTimeline field={field} /> : null}
      {can.visits ? <VisitHistory visits={history.filter((v) => v.status !== "scheduled")} /> : null}
      <ActivitiesAttended activities={activities} />
      {views ? <FileViews views={views.rows} shown={views.shown} auditHref={views.auditHref} /> : null}
      {can.write ? (
        <div className="grid-2">
          <RiskForm
            lastResult={resultFor("risk")}
            required={required.risk}
            formKey={formKey}
            current={person.riskTier}
          />
          <StatusForm
            lastResult={resultFor("status")}
            required={required.status}
            formKey={formKey}
            current={person.status}
            name={person.fullName}
            today={today}
          />
        </div>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
