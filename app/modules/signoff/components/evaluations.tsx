// Evaluations as the contract page, the organization page and the year-in-review show them: kind, date, evaluator,
// conclusion, the score per deliverable, satisfaction (satisfied of asked, and the share) and the findings.
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { EvaluationConclusion, EvaluationKind, EvaluationScores } from "#db/schema/signoff";
import { Badge } from "~/components/ui/badge";
import { formatDate, formatNumber, formatPercent } from "~/utils/format";
import { scoredDeliverables } from "../schemas";

export type EvaluationView = {
  id: number;
  contractId: number;
  kind: EvaluationKind;
  evaluatedOn: string;
  evaluator: string;
  scores: EvaluationScores;
  satisfactionAsked: number;
  satisfactionSatisfied: number;
  findings: string;
  conclusion: EvaluationConclusion;
  contractCode: string;
  subjectName: string;
};

export const conclusionTone = { qualified: "good", basically_qualified: "warn", unqualified: "bad" } as const;

export function ConclusionBadge({ conclusion }: { conclusion: EvaluationConclusion }) {
  const { t } = useTranslation("signoff");
  return (
    <span data-testid="evaluation-conclusion" data-conclusion={conclusion}>
      <Badge tone={conclusionTone[conclusion]}>{t(`evaluation.conclusions.${conclusion}`)}</Badge>
    </span>
  );
}

export function EvaluationItem({ e, showContract }: { e: EvaluationView; showContract: boolean }) {
  const { t, i18n } = useTranslation(["signoff", "contracts"]);
  const lng = i18n.language;
  const share = e.satisfactionAsked ? e.satisfactionSatisfied / e.satisfactionAsked : null;
  const scored = scoredDeliverables.filter((d) => e.scores[d] != null);
  return (
    <article className="evaluation" data-testid="evaluation" data-kind={e.kind}>
      <h3>
        {t(`evaluation.kinds.${e.kind}`)} · {formatDate(e.evaluatedOn, lng)}{" "}
        <ConclusionBadge conclusion={e.conclusion} />
      </h3>
      {showContract ? (
        <p>
          <Link to={`/contracts/${e.contractId}`}>{e.subjectName}</Link>{" "}
          <span className="muted small">{e.contractCode}</span>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("evaluation.evaluator")}</dt>
        <dd>{e.evaluator}</dd>
        {scored.map((d) => (
          <Fragment key={d}>
            <dt>{t(`contracts:deliverables.items.${d}`)}</dt>
            <dd data-score={d}>{t("evaluation.scoreOf", { score: formatNumber(e.scores[d], lng) })}</dd>
          </Fragment>
        ))}
        <dt>{t("evaluation.satisfaction")}</dt>
        <dd data-testid="evaluation-satisfaction">
          {t("evaluation.satisfiedOf", {
            satisfied: formatNumber(e.satisfactionSatisfied, lng),
            asked: formatNumber(e.satisfactionAsked, lng),
          })}{" "}
          <span className="muted">({formatPercent(share, lng)})</span>
        </dd>
        <dt>{t("evaluation.findings")}</dt>
        <dd className="prewrap">{e.findings}</dd>
      </dl>
    </article>
  );
}

export function EvaluationList({
  evaluations,
  showContract = false,
  addTo,
}: {
  evaluations: EvaluationView[];
  showContract?: boolean;
  /** The page that records a new one, for a planner who may. */
  addTo?: string | null;
}) {
  const { t } = useTranslation("signoff");
  return (
    <section className="card" id="evaluations" data-testid="evaluations">
      <h2>{t("evaluation.title")}</h2>
      {evaluations.length === 0 ? <p className="muted">{t("evaluation.none")}</p> : null}
      {evaluations.map((e) => (
        <EvaluationItem key={e.id} e={e} showContract={showContract} />
      ))}
      {addTo ? (
        <p>
          <Link to={addTo} className="btn btn--secondary" data-testid="evaluate-link">
            {t("evaluation.add")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
