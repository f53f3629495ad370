// "8 of 12 monthly activities · 820 of 1,100 person-times": a contract's deliverables against what is logged.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DeliverableProgress } from "~/modules/contracts/progress.server";
import { formatNumber } from "~/utils/format";

function Bar({ done, expected }: { done: number; expected: number }) {
  const share = expected > 0 ? Math.min(1, done / expected) : 1;
  const tone = share >= 1 ? "good" : share >= 0.8 ? "info" : "warn";
  return (
    <span className={`progress-bar progress-bar--${tone}`} aria-hidden="true">
      <span style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

export function ProgressLines({ progress }: { progress: DeliverableProgress }) {
  const { t, i18n } = useTranslation(["activities", "common"]);
  const n = (v: number) => formatNumber(v, i18n.language);
  const { activities: a, personTimes: p } = progress;
  return (
    <ul className="progress-lines">
      {a.expected !== null ? (
        <li data-testid="progress-activities" data-done={a.done}>
          <span>
            {t("progress.activities", { done: n(a.done), expected: n(a.expected), perMonth: a.perMonth })}
          </span>
          <Bar done={a.done} expected={a.expected} />
        </li>
      ) : (
        <li data-testid="progress-activities" data-done={a.done}>
          {t("progress.activitiesDone", { done: n(a.done) })}
        </li>
      )}
      {p.expected !== null ? (
        <li data-testid="progress-person-times">
          <span>{t("progress.personTimes", { done: n(p.done), expected: n(p.expected) })}</span>
          <Bar done={p.done} expected={p.expected} />
        </li>
      ) : (
        <li data-testid="progress-person-times">{t("progress.personTimesDone", { done: n(p.done) })}</li>
      )}
      {a.perMonth ? (
        <li className="muted">
          {t("progress.monthsMet", { met: a.monthsMet, due: a.monthsDue, perMonth: a.perMonth })}
        </li>
      ) : null}
    </ul>
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
    progress: DeliverableProgress;
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
          <span className="badge badge--warn">{t("progress.behind")}</span>
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
