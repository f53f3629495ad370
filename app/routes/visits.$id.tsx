// One visit: record what happened (the next routine visit and any follow-up are scheduled), reschedule, or assign
// it to a colleague at the same station. Field forms stay light: plain POSTs that work without JavaScript.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BackButton, PageHeader } from "~/components/ui/page-header";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { ConflictNotice } from "~/modules/conflicts/components/conflict-notice";
import { packWhenOffline, queueWhenOffline } from "~/modules/field/offline";
import { titleText } from "~/modules/i18n/meta";
import { CONFLICT_MESSAGE, type ConflictRef, isConflicted } from "~/modules/kernel/conflicts";
import { formKeyFrom, newFormKey } from "~/modules/kernel/form-key";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { message, parseForm } from "~/modules/kernel/messages";
import { requiredByIntent } from "~/modules/kernel/required";
import type { FormResult } from "~/modules/kernel/use-form";
import { CategoryList, RiskBadge } from "~/modules/people/ui";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "~/modules/uploads/photo-limits";
import { preparePhotos, readActivityForm } from "~/modules/uploads/photos.server";
import { ReferralsCard } from "~/modules/visits/components/referrals-card";
import { RecordedFlash, VisitFacts } from "~/modules/visits/components/visit-facts";
import { AssignForm, RecordForm, RescheduleForm } from "~/modules/visits/components/visit-forms";
import { VisitPhotos } from "~/modules/visits/components/visit-photos";
import { assignVisit, rescheduleVisit } from "~/modules/visits/mutations.server";
import { recordVisitOutcome } from "~/modules/visits/outcome.server";
import { colleaguesAt, getVisit, photosOfVisits } from "~/modules/visits/queries.server";
import { recordReferralResult, referralsOfVisits } from "~/modules/visits/referrals.server";
import { daysOverdue } from "~/modules/visits/schedule";
import { type VisitAction, visitActionSchema } from "~/modules/visits/schemas";
import { receivingStations } from "~/modules/visits/transfers.server";
import { VisitKindBadge } from "~/modules/visits/ui";
import visitsCss from "~/styles/visits.css?url";
import { todayInShanghai } from "~/utils/dates";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "visits"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];
export const headers = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.visit.personName} · ${data.visit.visit.dueOn}` : "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const visit = await getVisit({ user, id: routeId(params.id) });
  if (!visit) notFound();
  const canWrite = userCan(user, "write:visit");
  const now = new Date();
  const today = todayInShanghai(now);
  return {
    visit,
    colleagues: canWrite ? await colleaguesAt(visit.visit.stationId) : [],
    stations:
      canWrite && visit.visit.status === "scheduled" ? await receivingStations(visit.visit.stationId) : [],
    referrals: await referralsOfVisits([visit.visit.id]),
    photos: await photosOfVisits([visit.visit.id]),
    today,
    // The required marks, from the action's schema: the page's own code does not download zod (issue 13).
    required: requiredByIntent(visitActionSchema(today), intents),
    overdueDays: daysOverdue(visit.visit, now),
    canWrite,
    formKey: newFormKey(),
  };
}

type Intent = VisitAction["intent"];
export const intents = intentList<Intent>()(["record", "reschedule", "assign", "referral"]);
type ActionResult = { intent: Intent; result?: FormResult; done?: Intent; conflict?: ConflictRef };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:visit");
  const visitId = routeId(params.id);
  const { formData, photos, problems } = await readActivityForm(request, user.id);
  const intent = intentOf(formData, intents);
  const submission = parseForm(formData, visitActionSchema(todayInShanghai()));
  if (submission.status !== "success")
    return data<ActionResult>({ intent, result: submission.reply() }, { status: 400 });
  const writer = { user, actor: auditActor(request, context, user), key: formKeyFrom(formData), visitId };
  const input = submission.value;
  const { prepared, problems: unreadable } = await preparePhotos(photos);
  const photoProblems = [...problems, ...unreadable];
  if (photoProblems.length)
    return data<ActionResult>(
      {
        intent,
        result: submission.reply({
          fieldErrors: {
            photo: photoProblems.map((p) =>
              message(`common:photoErrors.${p.problem}`, {
                name: p.filename,
                mb: MAX_PHOTO_BYTES / 1048576,
                max: MAX_PHOTOS,
              }),
            ),
          },
        }),
      },
      { status: 422 },
    );
  const outcome =
    input.intent === "record"
      ? await recordVisitOutcome({ ...writer, input, photos: prepared })
      : input.intent === "reschedule"
        ? await rescheduleVisit({ ...writer, input })
        : input.intent === "referral"
          ? await recordReferralResult({ ...writer, input })
          : await assignVisit({ ...writer, input });
  if (!outcome) notFound();
  if (!outcome.ok) return data<ActionResult>({ intent, result: submission.reply(outcome) }, { status: 400 });
  if (isConflicted(outcome.value))
    return data<ActionResult>(
      {
        intent,
        result: submission.reply({ formErrors: [CONFLICT_MESSAGE] }),
        conflict: outcome.value.conflict,
      },
      { status: 409 },
    );
  if ("followUpVisitId" in outcome.value) {
    const { followUpVisitId } = outcome.value;
    return redirect(`/visits/${visitId}?recorded=1${followUpVisitId ? `&followUp=${followUpVisitId}` : ""}`);
  }
  return data<ActionResult>({ intent, done: intent });
}

// Without a link: the outcome waits in the device's outbox; the page opens from the pack in the field app.
export const clientAction = queueWhenOffline("visit");
export const clientLoader = packWhenOffline((params) => `/field?visit=${params.id}`);

export default function VisitPage() {
  const {
    visit: d,
    colleagues,
    stations,
    referrals,
    photos,
    today,
    overdueDays,
    canWrite,
    formKey,
    required,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["visits", "common"]);
  const v = d.visit;
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
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
            <BackButton to="/visits" />
          </div>
        }
      />
      <RecordedFlash followUps={d.followUps} nextDueOn={d.personNextDueOn} />
      <ConflictNotice conflict={actionData?.conflict} />
      {actionData?.done ? <p className="flash">{t(`detail.done.${actionData.done}`)}</p> : null}
      <div className="grid-2">
        <VisitFacts data={d} today={today} overdueDays={overdueDays} />
        <section className="card">
          <h2>{t("detail.person")}</h2>
          <dl className="facts">
            <dt>{t("detail.riskTier")}</dt>
            <dd>
              <RiskBadge tier={d.riskTier} />
            </dd>
            <dt>{t("detail.categories")}</dt>
            <dd>
              <CategoryList categories={d.categories} />
            </dd>
          </dl>
        </section>
      </div>
      <VisitPhotos photos={photos} />
      <ReferralsCard
        referrals={referrals}
        canWrite={canWrite}
        formKey={formKey}
        today={today}
        required={required.referral}
        lastResult={resultFor("referral")}
      />
      {v.status === "scheduled" && canWrite ? (
        <>
          <RecordForm
            lastResult={resultFor("record")}
            required={required.record}
            formKey={formKey}
            today={today}
            version={v.version}
            stations={stations}
          />
          <div className="grid-2">
            <RescheduleForm
              lastResult={resultFor("reschedule")}
              required={required.reschedule}
              formKey={formKey}
              today={today}
              current={v.dueOn}
            />
            <AssignForm
              lastResult={resultFor("assign")}
              required={required.assign}
              formKey={formKey}
              colleagues={colleagues}
              current={v.assignedUserId}
            />
          </div>
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
