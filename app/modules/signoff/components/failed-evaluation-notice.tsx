// On a new draft: the chosen organization's last final evaluation (结项评估) concluded 不合格 — the planner sees
// which contract, when, by whom and what was found before buying from it again.
import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/format";

type Failed = {
  organizationId: number;
  contractCode: string;
  contractTitle: string;
  evaluatedOn: string;
  evaluator: string;
  findings: string;
};

export function FailedEvaluationNotice({
  organizationId,
  failed,
}: {
  organizationId: string | undefined;
  failed: Failed[];
}) {
  const { t, i18n } = useTranslation("signoff");
  const hit = failed.find((f) => String(f.organizationId) === organizationId);
  if (!hit) return null;
  return (
    <div className="form-errors" role="note" data-testid="failed-evaluation">
      <p>
        <strong>
          {t("evaluation.lastFinalFailed", {
            code: hit.contractCode,
            title: hit.contractTitle,
            date: formatDate(hit.evaluatedOn, i18n.language),
            evaluator: hit.evaluator,
          })}
        </strong>
      </p>
      <p className="prewrap">{hit.findings}</p>
    </div>
  );
}
