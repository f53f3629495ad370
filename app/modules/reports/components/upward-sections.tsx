// The upward report's sections on the page: visits and 月探访率 by month (the region and its counties; townships and
// stations are in the downloads), the contracts, and the organizations. Every figure with rows behind it links to
// them. Client-safe.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Yuan } from "~/modules/kernel/money";
import { formatNumber, formatPercent } from "~/utils/format";
import type { UpwardReport } from "../upward.server";
import { FigureCell } from "./figure-cell";

function useSection() {
  const { t, i18n } = useTranslation(["reports", "visits", "common"]);
  const lng = i18n.language;
  return { t, lng, n: (v: number) => formatNumber(v, lng) };
}

export function UpwardVisits({ report }: { report: UpwardReport }) {
  const { t, lng, n } = useSection();
  const shown = report.visits.filter((r) => r.level === "total" || r.level === "county");
  return (
    <section className="report__section">
      <h2>{t("upward.visitsTitle")}</h2>
      <p className="muted small">{t("upward.visitsNote")}</p>
      <div className="table-wrap">
        <table className="table" data-testid="upward-visits">
          <thead>
            <tr>
              <th>{t("xlsx.month")}</th>
              <th>{t("upward.col.unit")}</th>
              <th className="num">{t("visits:stats.peopleDue")}</th>
              <th className="num">{t("visits:stats.peopleVisited")}</th>
              <th className="num">{t("visits:stats.monthlyRate")}</th>
              <th className="num">{t("visits:stats.onTimeRate")}</th>
              <th className="num">{t("upward.col.visitsSeen")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={`${r.month}-${r.level}-${r.name}`}
                className={r.level === "total" ? "report__total" : undefined}
                data-month={r.month}
                data-level={r.level}
              >
                <td>{r.month}</td>
                <td>{r.level === "total" ? t("review.total") : r.name}</td>
                <td className="num" data-figure="peopleDue">
                  {n(r.peopleDue)}
                </td>
                <td className="num" data-figure="peopleVisited">
                  {n(r.peopleVisited)}
                </td>
                <td className="num" data-figure="monthlyRate">
                  {formatPercent(r.monthlyRate, lng)}
                </td>
                <td className="num">{formatPercent(r.onTimeRate, lng)}</td>
                <FigureCell to={r.link}>{n(r.visitsSeen)}</FigureCell>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function UpwardContracts({ report }: { report: UpwardReport }) {
  const { t, n } = useSection();
  const { rows, total } = report.contracts;
  return (
    <section className="report__section">
      <h2>{t("upward.contractsTitle")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("common:table.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="upward-contracts">
            <thead>
              <tr>
                <th>{t("upward.col.code")}</th>
                <th>{t("upward.col.organization")}</th>
                <th>{t("upward.col.subject")}</th>
                <th>{t("upward.col.status")}</th>
                <th className="num">{t("upward.col.amount")}</th>
                <th className="num">{t("review.col.spent")}</th>
                <th className="num">{t("review.col.activities")}</th>
                <th className="num">{t("review.col.personTimes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={c.reportLink}>{c.code}</Link>
                  </td>
                  <td>{c.organizationName}</td>
                  <td>{c.subjectName}</td>
                  <td>{t(`common:enum.contractStatus.${c.status}`)}</td>
                  <td className="num">
                    <Yuan fen={c.amountFen} />
                  </td>
                  <FigureCell to={c.spentLink}>
                    <Yuan fen={c.spentFen} />
                  </FigureCell>
                  <FigureCell to={c.activitiesLink}>{n(c.activities)}</FigureCell>
                  <td className="num">{n(c.personTimes)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="report__total" data-testid="upward-contracts-total">
                <th colSpan={4}>{t("upward.contractCount", { count: total.contracts })}</th>
                <th className="num" data-figure="amount">
                  <Yuan fen={total.amountFen} />
                </th>
                <th className="num" data-figure="spent">
                  <Yuan fen={total.spentFen} />
                </th>
                <th className="num" data-figure="activities">
                  {n(total.activities)}
                </th>
                <th className="num" data-figure="personTimes">
                  {n(total.personTimes)}
                </th>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

export function UpwardOrganizations({ report }: { report: UpwardReport }) {
  const { t, n } = useSection();
  const { rows, total, links } = report.organizations;
  return (
    <section className="report__section">
      <h2>{t("upward.organizationsTitle")}</h2>
      <dl className="facts report__facts" data-testid="upward-organization-facts">
        <dt>{t("review.orgsRegistered")}</dt>
        <dd data-figure="registered">
          <Link to={links.registered}>{n(total.registered)}</Link>
        </dd>
        <dt>{t("review.orgsWithBranch")}</dt>
        <dd data-figure="withBranch">
          <Link to={links.withBranch}>{n(total.withBranch)}</Link>
        </dd>
        <dt>{t("review.orgsContracted")}</dt>
        <dd data-figure="contracted">
          <Link to={links.contracted}>{n(total.contracted)}</Link>
        </dd>
      </dl>
      {rows.length === 0 ? null : (
        <div className="table-wrap">
          <table className="table" data-testid="upward-organizations">
            <thead>
              <tr>
                <th>{t("upward.col.organization")}</th>
                <th>{t("upward.col.registeredHere")}</th>
                <th>{t("rows.col.partyBranch")}</th>
                <th className="num">{t("upward.col.contracts")}</th>
                <th className="num">{t("upward.col.amount")}</th>
                <th className="num">{t("review.col.activities")}</th>
                <th className="num">{t("review.col.personTimes")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={o.link}>{o.name}</Link>
                  </td>
                  <td>{o.registeredHere ? t("rows.yes") : t("rows.no")}</td>
                  <td>{o.partyBranch ? t("rows.yes") : t("rows.no")}</td>
                  <td className="num">{n(o.contracts)}</td>
                  <td className="num">
                    <Yuan fen={o.contractFen} />
                  </td>
                  <td className="num">{n(o.activities)}</td>
                  <td className="num">{n(o.personTimes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
