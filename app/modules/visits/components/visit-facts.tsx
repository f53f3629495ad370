// A visit's page: what the visit is (due, deadline, who, what happened, follow-ups). Client-safe.
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/utils/format";
import type { getVisit } from "../queries.server";
import { DueDate } from "../ui";

/** One visit as its page's loader reads it (single fetch keeps dates as dates). */
export type VisitData = NonNullable<Awaited<ReturnType<typeof getVisit>>>;

/**
 * "Recorded", when the person's next visit is due, and the follow-up the record scheduled (`?recorded=1&followUp=…`
 * after the redirect).
 */
export function RecordedFlash({
  followUps,
  nextDueOn,
}: {
  followUps: VisitData["followUps"];
  nextDueOn: string | null;
}) {
  const { t, i18n } = useTranslation(["visits", "common"]);
  const [search] = useSearchParams();
  if (!search.get("recorded")) return null;
  const followUp = followUps.find((f) => String(f.id) === search.get("followUp"));
  return (
    <div className="flash" data-testid="recorded">
      <p>{t("detail.recorded")}</p>
      <p data-testid="next-due">
        {nextDueOn
          ? t("detail.nextDue", { date: formatDate(nextDueOn, i18n.language) })
          : t("detail.noNextDue")}
      </p>
      {followUp ? (
        <p data-testid="follow-up-scheduled">
          {t("detail.followUpScheduled", { date: formatDate(followUp.dueOn, i18n.language) })}{" "}
          <Link to={`/visits/${followUp.id}`}>{t("list.open")}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function VisitFacts({
  data: d,
  today,
  overdueDays,
}: {
  data: VisitData;
  today: string;
  overdueDays: number;
}) {
  const { t, i18n } = useTranslation(["visits", "common"]);
  const lng = i18n.language;
  const v = d.visit;
  return (
    <section className="card">
      <h2>{t("detail.visit")}</h2>
      <dl className="facts">
        <dt>{t("fields.dueOn")}</dt>
        <dd>
          {v.status === "scheduled" ? (
            <DueDate dueOn={v.dueOn} today={today} overdueDays={overdueDays} />
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
            <dd>{t(`eventKinds.${v.outcomeReason}`, { defaultValue: v.outcomeReason })}</dd>
          </>
        ) : null}
        {d.origin ? (
          <>
            <dt>{t("fields.followUpOf")}</dt>
            <dd>
              <Link to={`/visits/${d.origin.id}`}>{formatDate(d.origin.dueOn, lng)}</Link>
              {d.origin.outcomeReason ? <div className="muted small">{d.origin.outcomeReason}</div> : null}
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
  );
}
