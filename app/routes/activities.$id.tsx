import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { FieldErrors, FormErrors } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ownsActivities } from "~/modules/access/activity-scope.server";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { ProgressLines } from "~/modules/activities/components/contract-progress";
import { editableFields, editNeedsApproval } from "~/modules/activities/edit-window";
import { ActivityInputError } from "~/modules/activities/log.server";
import { getActivity } from "~/modules/activities/queries.server";
import {
  answerFlag,
  decideEditRequest,
  deleteActivity,
  flagActivity,
  resolveFlag,
} from "~/modules/activities/review.server";
import { detailActionSchema } from "~/modules/activities/schemas";
import { auditActor } from "~/modules/audit/audit.server";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { titleText } from "~/modules/i18n/meta";
import { parseForm } from "~/modules/kernel/messages";
import activitiesCss from "~/styles/activities.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";
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
  return {
    activity: {
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
    },
    contract: detail.contract,
    progress: progress ?? null,
    photos: detail.photos,
    people: detail.people,
    flags: detail.flags,
    editRequests: detail.editRequests,
    can: {
      edit: owns,
      needsApproval,
      delete: (owns && !needsApproval) || (reviewer && user.role !== "auditor"),
      answer: owns,
      flag: reviewer,
      decide: reviewer,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const id = activityId(params);
  const formData = await request.formData();
  const submission = parseForm(formData, detailActionSchema);
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") return { intent, result: submission.reply() };
  const actor = auditActor(request, context, user);
  const value = submission.value;
  try {
    switch (value.intent) {
      case "flag":
        if (!userCan(user, "review:activity")) forbidden();
        await flagActivity({ user, actor, id, comment: value.comment });
        break;
      case "resolve":
        if (!userCan(user, "review:activity")) forbidden();
        await resolveFlag({ user, actor, activityId: id, flagId: value.flagId });
        break;
      case "decide":
        if (!userCan(user, "review:activity")) forbidden();
        await decideEditRequest({
          user,
          actor,
          activityId: id,
          requestId: value.requestId,
          decision: value.decision,
          note: value.note,
        });
        break;
      case "answer":
        if (!userCan(user, "write:activity")) forbidden();
        await answerFlag({ user, actor, activityId: id, flagId: value.flagId, response: value.response });
        break;
      case "delete":
        if (!userCan(user, "write:activity") && !userCan(user, "review:activity")) forbidden();
        await deleteActivity({ user, actor, id, reason: value.reason });
        return redirect("/activities?deleted=1");
    }
  } catch (error) {
    if (error instanceof ActivityInputError)
      return {
        intent,
        result: submission.reply({ fieldErrors: error.fieldErrors, formErrors: error.formErrors }),
      };
    throw error;
  }
  return { intent, result: submission.reply({ resetForm: true }), done: true };
}

function flagTone(status: string) {
  return status === "open" ? "bad" : status === "answered" ? "info" : "good";
}

export default function ActivityPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["activities", "common"]);
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { activity: a, can } = data;
  const lng = i18n.language;
  const errorsFor = (intent: string) =>
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
          <div className="card">
            <div className="stat-grid activity-detail__figures">
              <div className="stat">
                <span className="stat__label">{t("fields.participants")}</span>
                <span className="stat__value" data-testid="participants">
                  {formatNumber(a.participants, lng)}
                </span>
              </div>
              <div className="stat">
                <span className="stat__label">{t("fields.personTimes")}</span>
                <span className="stat__value" data-testid="person-times">
                  {formatNumber(a.personTimes, lng)}
                </span>
              </div>
              <div className="stat">
                <span className="stat__label">{t("fields.hours")}</span>
                <span className="stat__value">{formatNumber(a.hours, lng, 1)}</span>
              </div>
            </div>
            <p className="activity-detail__summary" data-testid="summary">
              {a.summary}
            </p>
            <dl className="facts">
              <dt>{t("fields.contract")}</dt>
              <dd>
                {data.contract.title} <span className="muted">({data.contract.code})</span>
              </dd>
              <dt>{t("fields.period")}</dt>
              <dd>
                {formatDate(data.contract.startsOn, lng)} – {formatDate(data.contract.endsOn, lng)}
              </dd>
              <dt>{t("fields.gps")}</dt>
              <dd>
                {a.lat != null && a.lng != null ? (
                  <>
                    {a.lat.toFixed(5)}, {a.lng.toFixed(5)}{" "}
                    <span className="muted">({t(`common:coordQuality.${a.coordQuality}`)})</span>
                  </>
                ) : (
                  <span className="muted">{t("detail.noGps")}</span>
                )}
              </dd>
              <dt>{t("fields.loggedBy")}</dt>
              <dd>
                {a.createdByName ?? "—"} · {formatDateTime(a.createdAt, lng)}
              </dd>
            </dl>
          </div>

          <div className="card">
            <h2>{t("detail.photos", { count: data.photos.length })}</h2>
            {data.photos.length === 0 ? (
              <p className="muted">{t("detail.noPhotos")}</p>
            ) : (
              <ul className="photo-grid" data-testid="photos">
                {data.photos.map((p) => (
                  <li key={p.id}>
                    <a href={`/activities/${a.id}/photos/${p.id}`} target="_blank" rel="noreferrer">
                      <img
                        src={`/activities/${a.id}/photos/${p.id}.thumb`}
                        alt={t("detail.photoAlt", { n: p.id })}
                        loading="lazy"
                        width={p.width && p.height ? Math.min(240, p.width) : undefined}
                      />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>

          <div className="card">
            <h2>{t("detail.people", { count: data.people.length })}</h2>
            {data.people.length === 0 ? (
              <p className="muted">{t("detail.noPeople")}</p>
            ) : (
              <ul className="people-list" data-testid="people">
                {data.people.map((p) => (
                  <li key={p.id}>
                    {p.fullName}{" "}
                    <span className="muted">
                      · {p.villageName} · {p.idNumberMasked}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>

        <div className="activity-detail__side">
          {data.progress ? (
            <div className="card" data-testid="detail-progress">
              <h2>{t("detail.progress")}</h2>
              <ProgressLines progress={data.progress} />
            </div>
          ) : null}

          <div className="card" data-testid="flags">
            <h2>{t("flags.title")}</h2>
            {data.flags.length === 0 ? <p className="muted">{t("flags.none")}</p> : null}
            <ol className="flag-list">
              {data.flags.map((f) => (
                <li key={f.id} className={`flag flag--${f.status}`} data-testid="flag">
                  <div className="flag__head">
                    <Badge tone={flagTone(f.status)}>{t(`flags.status.${f.status}`)}</Badge>
                    <span className="muted">
                      {f.flaggedByName ?? "—"} · {formatDateTime(f.createdAt, lng)}
                    </span>
                  </div>
                  <p className="flag__comment">{f.comment}</p>
                  {f.response ? (
                    <div className="flag__response" data-testid="flag-response">
                      <span className="muted">
                        {t("flags.answeredBy", { name: f.respondedByName ?? "—" })} ·{" "}
                        {formatDateTime(f.respondedAt, lng)}
                      </span>
                      <p>{f.response}</p>
                    </div>
                  ) : null}
                  {can.answer && f.status !== "resolved" ? (
                    <Form method="post" className="form flag__form" key={`${f.id}-${f.respondedAt ?? ""}`}>
                      <input type="hidden" name="intent" value="answer" />
                      <input type="hidden" name="flagId" value={f.id} />
                      <label className="visually-hidden" htmlFor={`answer-${f.id}`}>
                        {t("flags.answer")}
                      </label>
                      <textarea id={`answer-${f.id}`} name="response" rows={3} required maxLength={2000} />
                      <FieldErrors
                        id={`answer-${f.id}-error`}
                        errors={errorsFor("answer")?.error?.response}
                      />
                      <FormErrors errors={errorsFor("answer")?.error?.[""]} />
                      <button type="submit" className="btn btn--small" disabled={busy}>
                        {f.response ? t("flags.answerAgain") : t("flags.answer")}
                      </button>
                    </Form>
                  ) : null}
                  {can.flag && f.status !== "resolved" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="resolve" />
                      <input type="hidden" name="flagId" value={f.id} />
                      <button type="submit" className="btn btn--ghost btn--small" disabled={busy}>
                        {t("flags.resolve")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ol>
            {can.flag ? (
              <Form method="post" className="form flag__form" data-testid="flag-form" key={data.flags.length}>
                <input type="hidden" name="intent" value="flag" />
                <label htmlFor="flag-comment">{t("flags.new")}</label>
                <textarea
                  id="flag-comment"
                  name="comment"
                  rows={3}
                  required
                  maxLength={1000}
                  placeholder={t("flags.placeholder")}
                />
                <FieldErrors id="flag-comment-error" errors={errorsFor("flag")?.error?.comment} />
                <button type="submit" className="btn btn--small" disabled={busy}>
                  {t("flags.submit")}
                </button>
              </Form>
            ) : null}
          </div>

          {data.editRequests.length > 0 ? (
            <div className="card" data-testid="edit-requests">
              <h2>{t("editRequests.title")}</h2>
              <ol className="flag-list">
                {data.editRequests.map((r) => (
                  <li key={r.id} className="flag">
                    <div className="flag__head">
                      <Badge
                        tone={r.status === "pending" ? "warn" : r.status === "approved" ? "good" : "neutral"}
                      >
                        {t(`editRequests.status.${r.status}`)}
                      </Badge>
                      <span className="muted">
                        {r.requestedByName ?? "—"} · {formatDateTime(r.createdAt, lng)}
                      </span>
                    </div>
                    <table className="table changes">
                      <tbody>
                        {editableFields
                          .filter((f) => (r.changes as Record<string, unknown>)[f])
                          .map((f) => {
                            const c = (
                              r.changes as unknown as Record<
                                string,
                                { from: string | number; to: string | number }
                              >
                            )[f];
                            const show = (v: string | number) =>
                              f === "kind" ? t(`common:enum.activityKind.${v}`) : String(v);
                            return (
                              <tr key={f}>
                                <th>{t(`fields.${f}`)}</th>
                                <td>
                                  <del>{show(c.from)}</del> → <ins>{show(c.to)}</ins>
                                </td>
                              </tr>
                            );
                          })}
                      </tbody>
                    </table>
                    {r.reason ? (
                      <p className="muted">{t("editRequests.reason", { reason: r.reason })}</p>
                    ) : null}
                    {can.decide && r.status === "pending" ? (
                      <Form method="post" className="form flag__form">
                        <input type="hidden" name="intent" value="decide" />
                        <input type="hidden" name="requestId" value={r.id} />
                        <input type="text" name="note" maxLength={500} placeholder={t("editRequests.note")} />
                        <FormErrors errors={errorsFor("decide")?.error?.[""]} />
                        <FieldErrors
                          id="decide-error"
                          errors={
                            errorsFor("decide")?.error?.occurredOn ?? errorsFor("decide")?.error?.personTimes
                          }
                        />
                        <div className="btn-row">
                          <button
                            type="submit"
                            name="decision"
                            value="approved"
                            className="btn btn--small"
                            disabled={busy}
                          >
                            {t("editRequests.approve")}
                          </button>
                          <button
                            type="submit"
                            name="decision"
                            value="rejected"
                            className="btn btn--secondary btn--small"
                            disabled={busy}
                          >
                            {t("editRequests.reject")}
                          </button>
                        </div>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}

          {can.delete ? (
            <details className="card danger-zone">
              <summary>{t("delete.title")}</summary>
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="delete" />
                <p className="muted">{t("delete.body")}</p>
                <label htmlFor="delete-reason">{t("delete.reason")}</label>
                <input id="delete-reason" type="text" name="reason" required maxLength={500} />
                <FieldErrors id="delete-reason-error" errors={errorsFor("delete")?.error?.reason} />
                <FormErrors errors={errorsFor("delete")?.error?.[""]} />
                <button type="submit" className="btn btn--danger btn--small" disabled={busy}>
                  {t("delete.submit")}
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
