// The home page's next steps: per section its figures (each opening the list it counts) and the items to act on —
// the visits due today or late (the user's own first), each contract's month, the latest sensitive accesses.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditActionLabel } from "~/modules/audit/components/audit-entry";
import { DueDate, VisitKindBadge } from "~/modules/visits/ui";
import { formatDateTime, formatNumber } from "~/utils/format";
import type {
  NextStepAuditEntry,
  NextStepContract,
  NextStepFigure,
  NextStepSection,
  NextStepVisit,
} from "../next-steps";
import { OutboxSlot } from "./outbox-slot";

function Figure({ figure }: { figure: NextStepFigure }) {
  const { t, i18n } = useTranslation(["home"]);
  return (
    <Link
      to={figure.to}
      className={`stat stat--${figure.tone} stat--link`}
      data-testid="next-figure"
      data-key={figure.key}
      data-value={figure.value}
      data-check={JSON.stringify(figure.check)}
    >
      <span className="stat__label">{t(`next.figures.${figure.key}`, figure.labelValues)}</span>
      <span className="stat__value">{formatNumber(figure.value, i18n.language)}</span>
    </Link>
  );
}

function VisitItems({ visits, today }: { visits: NextStepVisit[]; today: string }) {
  const { t } = useTranslation(["home", "visits"]);
  if (visits.length === 0) return <p className="muted">{t("next.nothingDue")}</p>;
  return (
    <ul className="next-steps__list" data-testid="next-visits">
      {visits.map((v) => (
        <li
          key={v.id}
          className={v.overdueDays > 0 ? "next-steps__item next-steps__item--late" : "next-steps__item"}
        >
          <Link to={`/visits/${v.id}`} className="next-steps__name">
            {v.personName}
          </Link>
          <span className="muted small">{v.villageName}</span>
          <VisitKindBadge kind={v.kind} />
          <DueDate dueOn={v.dueOn} today={today} overdueDays={v.overdueDays} />
          {v.mine ? <span className="badge badge--info">{t("next.mine")}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function ContractItems({ contracts }: { contracts: NextStepContract[] }) {
  const { t, i18n } = useTranslation(["home"]);
  const n = (v: number) => formatNumber(v, i18n.language);
  if (contracts.length === 0) return <p className="muted">{t("next.noContracts")}</p>;
  return (
    <ul className="next-steps__list" data-testid="next-contracts">
      {contracts.map((c) => {
        const short = c.perMonth != null && c.monthDone < c.perMonth;
        return (
          <li key={c.id} className="next-steps__item next-steps__item--contract">
            <div>
              <Link to={`/contracts/${c.id}`} className="next-steps__name">
                {c.subjectName || c.title}
              </Link>{" "}
              <span className="muted small">{c.code}</span>{" "}
              <span className={c.behind ? "badge badge--warn" : "badge badge--good"}>
                {c.behind ? t("next.behind") : t("next.onTrack")}
              </span>
            </div>
            <div className="next-steps__month">
              <Link
                to={c.monthTo}
                data-testid="month-count"
                data-value={c.monthDone}
                data-check={JSON.stringify({ kind: "total" })}
                className={short ? "text-warn" : undefined}
              >
                {c.perMonth != null
                  ? t("next.monthDoneOf", { done: n(c.monthDone), perMonth: n(c.perMonth) })
                  : t("next.monthDone", { done: n(c.monthDone) })}
              </Link>
              <Link to={`/activities/new?contract=${c.id}`} className="btn btn--small">
                {t("next.logActivity")}
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function AuditItems({ entries }: { entries: NextStepAuditEntry[] }) {
  const { t, i18n } = useTranslation(["home", "audit"]);
  if (entries.length === 0) return <p className="muted">{t("next.noAccess")}</p>;
  return (
    <ul className="next-steps__list" data-testid="next-audit">
      {entries.map((e) => (
        <li key={e.id} className="next-steps__item">
          <span className="muted small">{formatDateTime(e.at, i18n.language)}</span>
          <span>{e.actorName ?? t("audit:systemActor")}</span>
          <strong>{auditActionLabel(t, e.action)}</strong>
          {e.entityId ? (
            <span className="muted small">
              {t(`audit:entityNames.${e.entityType}`, { defaultValue: e.entityType })} #{e.entityId}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function NextSteps({ sections, today }: { sections: NextStepSection[]; today: string }) {
  const { t } = useTranslation(["home"]);
  if (sections.length === 0) return null;
  return (
    <div className="next-steps" data-testid="next-steps">
      {sections.map((section) =>
        section.key === "outbox" ? (
          <OutboxSlot key={section.key} />
        ) : (
          <section
            key={section.key}
            className="card next-steps__section"
            aria-labelledby={`next-${section.key}`}
            data-testid={`next-${section.key}`}
          >
            <h2 id={`next-${section.key}`}>{t(`next.sections.${section.key}`)}</h2>
            {section.figures.length ? (
              <div className="stat-grid next-steps__figures">
                {section.figures.map((f) => (
                  <Figure key={f.key} figure={f} />
                ))}
              </div>
            ) : null}
            {section.visits ? <VisitItems visits={section.visits} today={today} /> : null}
            {section.contracts ? <ContractItems contracts={section.contracts} /> : null}
            {section.audit ? <AuditItems entries={section.audit} /> : null}
          </section>
        ),
      )}
    </div>
  );
}
