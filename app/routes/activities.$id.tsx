// One activity: its record, photos and people, the contract's progress, the flag conversation with the planner,
// the edit requests a planner decides, and deleting it.
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { ownsActivities } from "~/modules/access/activity-scope.server";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import type { SessionUser } from "~/modules/access/types";
import { ProgressLines } from "~/modules/activities/components/contract-progress";
import { ActivityFacts, ActivityPhotos, LinkedPeople } from "~/modules/activities/components/detail-facts";
import { DeleteActivity, EditRequestsCard, FlagsCard } from "~/modules/activities/components/detail-review";
import type { ActivityView } from "~/modules/activities/components/detail-types";
import { editNeedsApproval } from "~/modules/activities/edit-window";
import { getActivity } from "~/modules/activities/queries.server";
import {
  answerFlag,
  decideEditRequest,
  deleteActivity,
  flagActivity,
  resolveFlag,
} from "~/modules/activities/review.server";
import { type DetailAction, detailActionSchema } from "~/modules/activities/schemas";
import { auditActor } from "~/modules/audit/audit.server";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { titleText } from "~/modules/i18n/meta";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import type { FormResult } from "~/modules/kernel/use-form";
import activitiesCss from "~/styles/activities.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatDateTime } from "~/utils/format";
import { forbidden, notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export const handle = { i18n: ["common", "activities"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: activitiesCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.activity.subjectName} ${data.activity.occurredOn}` : "—");

function activityId(params: LoaderFunctionArgs["params"]): number {
  return routeId(params.id);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const detail = await getActivity({ user, id: activityId(params) });
  if (!detail) notFound();
  const { activity } = detail;
  const progress = (await deliverableProgress([activity.contractId], { asOf: todayInShanghai() })).get(
    activity.contractId,
  );
  const live = !activity.deletedAt;
  const owns = live && userCan(user, "write:activity") && ownsActivities(user, activity.organizationId);
  const reviewer = live && userCan(user, "review:activity");
  const needsApproval = editNeedsApproval(activity.createdAt);
  const view: ActivityView = {
    id: activity.id,
    occurredOn: activity.occurredOn,
    kind: activity.kind,
    participants: activity.participants,
    personTimes: activity.personTimes,
    hours: Number(activity.hours),
    summary: activity.summary,
    lat: activity.lat,
    lng: activity.lng,
    coordQuality: activity.coordQuality,
    createdAt: activity.createdAt,
    updatedAt: activity.updatedAt,
    deletedAt: activity.deletedAt,
    subjectName: detail.facility?.name ?? detail.project?.name ?? "",
    facilityKind: detail.facility?.kind ?? null,
    organizationId: activity.organizationId,
    organizationName: detail.organizationName,
    createdByName: detail.createdByName,
  };
  return {
    activity: view,
    contract: detail.contract,
    progress: progress ?? null,
    photos: detail.photos,
    people: detail.people,
    flags: detail.flags,
    editRequests: detail.editRequests,
    can: {
      edit: owns,
      needsApproval,
      delete: (owns && !needsApproval) || reviewer,
      answer: owns,
      flag: reviewer,
      decide: reviewer,
    },
  };
}

type Intent = DetailAction["intent"];
export const intents = intentList<Intent>()(["flag", "answer", "resolve", "decide", "delete"]);

/** Planners question and decide, the organization answers; either side may delete (the module says when). */
function mayPost(user: SessionUser, intent: Intent): boolean {
  if (intent === "answer") return userCan(user, "write:activity");
  if (intent === "delete") return userCan(user, "write:activity") || userCan(user, "review:activity");
  return userCan(user, "review:activity");
}

type ActionResult = { intent: Intent; result: FormResult; done?: true };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const id = activityId(params);
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  if (!mayPost(user, intent)) forbidden();
  const submission = parseForm(formData, detailActionSchema);
  if (submission.status !== "success") return { intent, result: submission.reply() } satisfies ActionResult;
  const actor = auditActor(request, context, user);
  const input = submission.value;
  const outcome =
    input.intent === "flag"
      ? await flagActivity({ user, actor, id, comment: input.comment })
      : input.intent === "resolve"
        ? await resolveFlag({ user, actor, activityId: id, flagId: input.flagId })
        : input.intent === "decide"
          ? await decideEditRequest({
              user,
              actor,
              activityId: id,
              requestId: input.requestId,
              decision: input.decision,
              note: input.note,
            })
          : input.intent === "answer"
            ? await answerFlag({
                user,
                actor,
                activityId: id,
                flagId: input.flagId,
                response: input.response,
              })
            : await deleteActivity({ user, actor, id, reason: input.reason });
  if (!outcome) notFound();
  if (!outcome.ok) return { intent, result: submission.reply(outcome) } satisfies ActionResult;
  if (input.intent === "delete") return redirect("/activities?deleted=1");
  return { intent, result: submission.reply({ resetForm: true }), done: true } satisfies ActionResult;
}

export default function ActivityPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["activities", "common"]);
  const [search] = useSearchParams();
  const { activity: a, can } = data;
  const lng = i18n.language;
  const resultFor = (intent: Intent) =>
    actionData?.intent === intent && !("done" in actionData) ? actionData.result : undefined;
  const flash = search.get("logged")
    ? t("detail.logged")
    : search.get("edited") === "applied"
      ? t("detail.editApplied")
      : search.get("edited") === "requested"
        ? t("detail.editRequested")
        : actionData && "done" in actionData
          ? t(`detail.done.${actionData.intent}`)
          : null;
  return (
    <>
      <PageHeader
        title={`${a.subjectName} · ${t(`common:enum.activityKind.${a.kind}`)}`}
        subtitle={`${formatDate(a.occurredOn, lng)} · ${a.organizationName}`}
        actions={
          <>
            {can.edit ? (
              <Link to={`/activities/${a.id}/edit`} className="btn btn--secondary" data-testid="edit-link">
                {can.needsApproval ? t("detail.requestEdit") : t("common:actions.edit")}
              </Link>
            ) : null}
            <Link to={`/activities?contract=${data.contract.id}`} className="btn btn--secondary">
              {t("detail.contractActivities")}
            </Link>
          </>
        }
      />
      {flash ? (
        <div className="flash" role="status" data-testid="flash">
          {flash}
        </div>
      ) : null}
      {a.deletedAt ? (
        <div className="form-errors" data-testid="deleted-banner">
          {t("detail.deleted", { at: formatDateTime(a.deletedAt, lng) })}
        </div>
      ) : null}
      <div className="activity-detail">
        <div className="activity-detail__main">
          <ActivityFacts activity={a} contract={data.contract} />
          <ActivityPhotos activityId={a.id} photos={data.photos} />
          <LinkedPeople people={data.people} />
        </div>
        <div className="activity-detail__side">
          {data.progress ? (
            <div className="card" data-testid="detail-progress">
              <h2>{t("detail.progress")}</h2>
              <ProgressLines progress={data.progress} />
            </div>
          ) : null}
          <FlagsCard flags={data.flags} canAnswer={can.answer} canFlag={can.flag} resultFor={resultFor} />
          <EditRequestsCard requests={data.editRequests} canDecide={can.decide} resultFor={resultFor} />
          {can.delete ? <DeleteActivity resultFor={resultFor} /> : null}
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
