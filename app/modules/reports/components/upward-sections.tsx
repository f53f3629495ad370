// The upward report's sections on the page: visits and 月探访率 by month (the region and its counties; townships and
// stations are in the downloads), the contracts, and the organizations. Every figure with rows behind it links to
// them. Client-safe.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Yuan } from "~/modules/kernel/money";
import { formatNumber, formatPercent } from "~/utils/format";
import type { UpwardReport } from "../upward.server";

function useSection() {
  const { t, i18n } = useTranslation(["reports", "visits", "common"]);
  const lng = i18n.language;
  return { t, lng, n: (v: number) => formatNumber(v, lng) };
}

/** A cell labelled for the phone's card layout (table--cards), a number linking to its rows when `to` is given. */
function Cell({
  label,
  to,
  num,
  figure,
  title,
  children,
}: {
  label: string;
  to?: string;
  num?: boolean;
  figure?: string;
  title?: boolean;
  children: ReactNode;
}) {
  const className = [num ? "num" : "", title ? "cell--title" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <td className={className} data-label={title ? undefined : label} data-figure={figure}>
      {to ? <Link to={to}>{children}</Link> : children}
    </td>
  );
}

export function UpwardVisits({ report }: { report: UpwardReport }) {
  const { t, lng, n } = useSection();
  // A county's own report: its one county row would repeat the total.
  const counties = new Set(report.visits.filter((r) => r.level === "county").map((r) => r.name));
  const shown = report.visits.filter(
    (r) => r.level === "total" || (r.level === "county" && counties.size > 1),
  );
  const col = {
    unit: t("upward.col.unit"),
    due: t("visits:stats.peopleDue"),
    visited: t("visits:stats.peopleVisited"),
    rate: t("visits:stats.monthlyRate"),
    onTime: t("visits:stats.onTimeRate"),
    seen: t("upward.col.visitsSeen"),
  };
  return (
    <section className="report__section">
      <h2>{t("upward.visitsTitle")}</h2>
      <p className="muted small">{t("upward.visitsNote")}</p>
      <div className="table-wrap">
        <table className="table table--cards" data-testid="upward-visits">
          <thead>
            <tr>
              <th>{t("xlsx.month")}</th>
              <th>{col.unit}</th>
              <th className="num">{col.due}</th>
              <th className="num">{col.visited}</th>
              <th className="num">{col.rate}</th>
              <th className="num">{col.onTime}</th>
              <th className="num">{col.seen}</th>
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
                <Cell label={t("xlsx.month")} title>
                  {r.month}
                </Cell>
                <Cell label={col.unit}>{r.level === "total" ? t("review.total") : r.name}</Cell>
                <Cell label={col.due} num figure="peopleDue">
                  {n(r.peopleDue)}
                </Cell>
                <Cell label={col.visited} num figure="peopleVisited">
                  {n(r.peopleVisited)}
                </Cell>
                <Cell label={col.rate} num figure="monthlyRate">
                  {formatPercent(r.monthlyRate, lng)}
                </Cell>
                <Cell label={col.onTime} num>
                  {formatPercent(r.onTimeRate, lng)}
                </Cell>
                <Cell label={col.seen} num to={r.link} figure="visitsSeen">
                  {n(r.visitsSeen)}
                </Cell>
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
  const col = {
    code: t("upward.col.code"),
    organization: t("upward.col.organization"),
    subject: t("upward.col.subject"),
    status: t("upward.col.status"),
    amount: t("upward.col.amount"),
    spent: t("review.col.spent"),
    activities: t("review.col.activities"),
    personTimes: t("review.col.personTimes"),
  };
  return (
    <section className="report__section">
      <h2>{t("upward.contractsTitle")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("common:table.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="upward-contracts">
            <thead>
              <tr>
                <th>{col.code}</th>
                <th>{col.organization}</th>
                <th>{col.subject}</th>
                <th>{col.status}</th>
                <th className="num">{col.amount}</th>
                <th className="num">{col.spent}</th>
                <th className="num">{col.activities}</th>
                <th className="num">{col.personTimes}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <Cell label={col.code} to={c.reportLink} title>
                    {c.code}
                  </Cell>
                  <Cell label={col.organization}>{c.organizationName}</Cell>
                  <Cell label={col.subject}>{c.subjectName}</Cell>
                  <Cell label={col.status}>{t(`common:enum.contractStatus.${c.status}`)}</Cell>
                  <Cell label={col.amount} num>
                    <Yuan fen={c.amountFen} />
                  </Cell>
                  <Cell label={col.spent} num to={c.spentLink}>
                    <Yuan fen={c.spentFen} />
                  </Cell>
                  <Cell label={col.activities} num to={c.activitiesLink}>
                    {n(c.activities)}
                  </Cell>
                  <Cell label={col.personTimes} num>
                    {n(c.personTimes)}
                  </Cell>
                </tr>
              ))}
              <tr className="report__total" data-testid="upward-contracts-total">
                <Cell label={col.code} title>
                  {t("upward.contractCount", { count: total.contracts })}
                </Cell>
                <td />
                <td />
                <td />
                <Cell label={col.amount} num figure="amount">
                  <Yuan fen={total.amountFen} />
                </Cell>
                <Cell label={col.spent} num figure="spent">
                  <Yuan fen={total.spentFen} />
                </Cell>
                <Cell label={col.activities} num figure="activities">
                  {n(total.activities)}
                </Cell>
                <Cell label={col.personTimes} num figure="personTimes">
                  {n(total.personTimes)}
                </Cell>
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function UpwardOrganizations({ report }: { report: UpwardReport }) {
  const { t, n } = useSection();
  const { rows, total, links } = report.organizations;
  const col = {
    organization: t("upward.col.organization"),
    registeredHere: t("upward.col.registeredHere"),
    partyBranch: t("rows.col.partyBranch"),
    contracts: t("upward.col.contracts"),
    amount: t("upward.col.amount"),
    activities: t("review.col.activities"),
    personTimes: t("review.col.personTimes"),
  };
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
          <table className="table table--cards" data-testid="upward-organizations">
            <thead>
              <tr>
                <th>{col.organization}</th>
                <th>{col.registeredHere}</th>
                <th>{col.partyBranch}</th>
                <th className="num">{col.contracts}</th>
                <th className="num">{col.amount}</th>
                <th className="num">{col.activities}</th>
                <th className="num">{col.personTimes}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <Cell label={col.organization} to={o.link} title>
                    {o.name}
                  </Cell>
                  <Cell label={col.registeredHere}>{o.registeredHere ? t("rows.yes") : t("rows.no")}</Cell>
                  <Cell label={col.partyBranch}>{o.partyBranch ? t("rows.yes") : t("rows.no")}</Cell>
                  <Cell label={col.contracts} num>
                    {n(o.contracts)}
                  </Cell>
                  <Cell label={col.amount} num>
                    <Yuan fen={o.contractFen} />
                  </Cell>
                  <Cell label={col.activities} num>
                    {n(o.activities)}
                  </Cell>
                  <Cell label={col.personTimes} num>
                    {n(o.personTimes)}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
