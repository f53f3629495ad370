// The contract page's sign-off and evaluation cards: how many months are approved, waiting for review and owed
// (opening the month-by-month page), and the contract's evaluations with the link to record one.
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/format";
import { EvaluationList, type EvaluationView } from "./evaluations";

export function ContractAccountability({
  contractId,
  signoff,
  evaluations,
  canEvaluate,
}: {
  contractId: number;
  signoff: { approved: number; submitted: number; owed: number } | null;
  evaluations: EvaluationView[];
  canEvaluate: boolean;
}) {
  const { t, i18n } = useTranslation("signoff");
  const [search] = useSearchParams();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <>
      {search.get("evaluated") ? (
        <p className="flash" data-testid="evaluation-saved">
          {t("evaluation.saved")}
        </p>
      ) : null}
      <div className="grid-2">
        {signoff ? (
          <section className="card" data-testid="contract-signoff">
            <h2>{t("title")}</h2>
            <p>
              {t("counts", {
                approved: n(signoff.approved),
                submitted: n(signoff.submitted),
                owed: n(signoff.owed),
              })}
            </p>
            <p>
              <Link to={`/contracts/${contractId}/months`} className="btn btn--secondary">
                {t("open")}
              </Link>
            </p>
          </section>
        ) : null}
        <EvaluationList
          evaluations={evaluations}
          addTo={canEvaluate ? `/contracts/${contractId}/evaluate` : null}
        />
      </div>
    </>
  );
}
