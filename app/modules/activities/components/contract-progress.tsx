// "8 of 12 monthly activities · 820 of 1,100 person-times": a contract's deliverables against what is logged.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type MeasuredMetric, metricStatus } from "~/modules/contracts/deliverable-status";
import type { ActivityProgress } from "~/modules/contracts/progress.server";
import { formatList, formatNumber } from "~/utils/format";

function Bar({ done, expected }: { done: number; expected: number }) {
  const share = expected > 0 ? Math.min(1, done / expected) : 1;
  const status = metricStatus({ done, expected });
  const tone = status === "met" ? "good" : status === "behind" ? "warn" : "info";
  return (
    <span className={`progress-bar progress-bar--${tone}`} aria-hidden="true">
      <span style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

/** "滞后" beside a line whose metric is behind, judged as the contract page and the reminder judge it. */
function BehindMark({ done, expected }: { done: number; expected: number | null }) {
  const { t } = useTranslation("activities");
  return metricStatus({ done, expected }) === "behind" ? (
    <span className="badge badge--warn" data-testid="metric-behind">
      {t("progress.lineBehind")}
    </span>
  ) : null;
}

export function ProgressLines({ progress }: { progress: ActivityProgress }) {
  const { t, i18n } = useTranslation(["activities", "common"]);
  const n = (v: number) => formatNumber(v, i18n.language);
  const { activities: a, personTimes: p, homeVisits: h } = progress;
  return (
    <ul className="progress-lines">
      {a.expected !== null ? (
        <li data-testid="progress-activities" data-done={a.done} data-status={metricStatus(a)}>
          <span>
            {t("progress.activities", { done: n(a.done), expected: n(a.expected), perMonth: a.perMonth })}{" "}
            <BehindMark {...a} />
          </span>
          <Bar done={a.done} expected={a.expected} />
        </li>
      ) : (
        <li data-testid="progress-activities" data-done={a.done}>
          {t("progress.activitiesDone", { done: n(a.done) })}
        </li>
      )}
      {p.expected !== null ? (
        <li data-testid="progress-person-times" data-status={metricStatus(p)}>
          <span>
            {t("progress.personTimes", { done: n(p.done), expected: n(p.expected) })} <BehindMark {...p} />
          </span>
          <Bar done={p.done} expected={p.expected} />
        </li>
      ) : (
        <li data-testid="progress-person-times">{t("progress.personTimesDone", { done: n(p.done) })}</li>
      )}
      {h.expected !== null ? (
        <li data-testid="progress-home-visits" data-status={metricStatus(h)}>
          <span>
            {t("progress.homeVisits", { done: n(h.done), expected: n(h.expected) })} <BehindMark {...h} />
          </span>
          <Bar done={h.done} expected={h.expected} />
        </li>
      ) : null}
      {a.perMonth ? (
        <li className="muted">
          {t("progress.monthsMet", { met: a.monthsMet, due: a.monthsDue, perMonth: a.perMonth })}
        </li>
      ) : null}
    </ul>
  );
}

/** "进度滞后：入户探访": the badge names the metrics that are behind, and only those. */
export function BehindBadge({ metrics }: { metrics: MeasuredMetric[] }) {
  const { t, i18n } = useTranslation("activities");
  if (metrics.length === 0) return null;
  const names = formatList(
    metrics.map((m) => t(`progress.metric.${m}`)),
    i18n.language,
  );
  return (
    <span className="badge badge--warn" data-testid="behind-badge" data-metrics={metrics.join(" ")}>
      {t("progress.behind", { metrics: names })}
    </span>
  );
}

export function ContractProgressCard({
  row,
}: {
  row: {
    id: number;
    code: string;
    title: string;
    subjectName: string;
    organizationName: string;
    progress: ActivityProgress;
  };
}) {
  const { t } = useTranslation(["activities", "common"]);
  return (
    <div className="contract-progress" data-testid={`contract-progress-${row.code}`}>
      <div className="contract-progress__head">
        <Link to={`/activities?contract=${row.id}`}>
          <strong>{row.subjectName}</strong>
        </Link>
        {row.progress.behind ? (
          <BehindBadge metrics={row.progress.behindMetrics} />
        ) : (
          <span className="badge badge--good">{t("progress.onTrack")}</span>
        )}
      </div>
      <div className="muted contract-progress__meta">
        {row.organizationName} · {row.code}
      </div>
      <ProgressLines progress={row.progress} />
    </div>
  );
}
