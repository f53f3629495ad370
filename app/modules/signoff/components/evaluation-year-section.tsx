// The year in review's section on contract evaluations (its own component beside the reports module's): how many
// were 合格 / 基本合格 / 不合格, the recipients' satisfaction over all of them, and each evaluation. Client-safe.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { formatDate, formatNumber, formatPercent } from "~/utils/format";
import type { EvaluationYear } from "../evaluations.server";
import { ConclusionBadge } from "./evaluations";

export function EvaluationYearSection({ evaluations: y }: { evaluations: EvaluationYear }) {
  const { t, i18n } = useTranslation(["signoff", "common"]);
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  return (
    <section className="report__section" data-testid="review-evaluations">
      <h2>{t("evaluation.yearTitle")}</h2>
      <dl className="facts">
        <dt>{t("evaluation.yearCount")}</dt>
        <dd data-testid="review-evaluation-count">{n(y.rows.length)}</dd>
        <dt>{t("evaluation.conclusion")}</dt>
        <dd>
          {(["qualified", "basically_qualified", "unqualified"] as const)
            .map((c) => `${t(`evaluation.conclusions.${c}`)} ${n(y.conclusions[c])}`)
            .join(" · ")}
        </dd>
        <dt>{t("evaluation.satisfaction")}</dt>
        <dd>
          {t("evaluation.satisfiedOf", { satisfied: n(y.satisfied), asked: n(y.asked) })}{" "}
          <span className="muted">({formatPercent(y.asked ? y.satisfied / y.asked : null, lng)})</span>
        </dd>
      </dl>
      {y.rows.length ? (
        <ListTable
          className="table--compact"
          head={
            <>
              <th>{t("col.contract")}</th>
              <th>{t("col.organization")}</th>
              <th>{t("evaluation.kind")}</th>
              <th>{t("evaluation.evaluatedOn")}</th>
              <th>{t("evaluation.conclusion")}</th>
            </>
          }
        >
          {y.rows.map((e) => (
            <tr key={e.id}>
              <td>
                <Link to={`/contracts/${e.contractId}#evaluations`}>{e.subjectName}</Link>{" "}
                <span className="muted small">{e.contractCode}</span>
              </td>
              <td>{e.organizationName}</td>
              <td>{t(`evaluation.kinds.${e.kind}`)}</td>
              <td>{formatDate(e.evaluatedOn, lng)}</td>
              <td>
                <ConclusionBadge conclusion={e.conclusion} />
              </td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </section>
  );
}
