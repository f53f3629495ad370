import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission } from "~/modules/access/guard.server";
import { ProgressLines } from "~/modules/activities/components/contract-progress";
import { titleText } from "~/modules/i18n/meta";
import { ActivityCountsTable, FigureCell } from "~/modules/reports/components/figure-cell";
import {
  contractMonthReport,
  findReportContract,
  reportMonthOf,
} from "~/modules/reports/contract-month.server";
import { PrintButton } from "~/modules/reports/print-button";
import { contractReportLinks } from "~/modules/reports/rows-link";
import { MonthSignoffLine } from "~/modules/signoff/components/month-signoff-line";
import { monthSignoff } from "~/modules/signoff/queries.server";
import activitiesCss from "~/styles/activities.css?url";
import reportsCss from "~/styles/reports.css?url";
import { formatDate, formatMonth, formatNumber, formatPercent, formatYuan } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";
import { shiftMonth } from "~/utils/months";

export const handle = { i18n: ["common", "reports", "activities", "signoff"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: activitiesCss },
  { rel: "stylesheet", href: reportsCss },
];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.contract.subjectName} ${data.report.month}` : "—");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report");
  const id = routeId(params.id);
  const contract = await findReportContract(user, id);
  if (!contract) notFound();
  const month = reportMonthOf(contract, new URL(request.url).searchParams.get("month"));
  const [report, signoff] = await Promise.all([
    contractMonthReport({ contractId: id, month }),
    monthSignoff(id, month),
  ]);
  return { contract, report, signoff };
}

export default function ContractMonthReport() {
  const { contract, report, signoff } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reports", "activities", "common"]);
  const lng = i18n.language;
  const n = (v: number) => formatNumber(v, lng);
  const [y, m] = report.month.split("-").map(Number);
  const monthLabel = formatMonth(y, m, lng);
  const { rows: rowsLink, activities: activityRows } = contractReportLinks(
    contract.id,
    report.range,
    report.asOf,
  );
  const p = report.progress;
  return (
    <article className="report" data-testid="contract-month-report">
      <PageHeader
        title={t("monthly.title", { subject: contract.subjectName, month: monthLabel })}
        subtitle={`${contract.organizationName} · ${contract.code} · ${formatDate(contract.startsOn, lng)} – ${formatDate(contract.endsOn, lng)}`}
        actions={
          <>
            <PrintButton />
            <a
              className="btn btn--secondary"
              href={`/reports/contracts/${contract.id}.xlsx?month=${report.month}`}
              download
              data-testid="contract-month-xlsx"
            >
              {t("common:actions.exportXlsx")}
            </a>
          </>
        }
      />
      <nav className="calendar-nav no-print">
        <Link to={`?month=${shiftMonth(report.month, -1)}`} className="btn btn--ghost btn--small">
          ← {t("monthly.previous")}
        </Link>
        <strong>{monthLabel}</strong>
        <Link to={`?month=${shiftMonth(report.month, 1)}`} className="btn btn--ghost btn--small">
          {t("monthly.next")} →
        </Link>
      </nav>
      <MonthSignoffLine contractId={contract.id} month={report.month} signoff={signoff} />
      <section className="report__section">
        <h2>{t("monthly.thisMonth")}</h2>
        <StatGrid>
          <Stat
            label={t("review.col.activities")}
            value={n(report.month_.activities)}
            to={activityRows("month")}
            testId="month-activities"
          />
          <Stat
            label={t("review.col.personTimes")}
            value={n(report.month_.personTimes)}
            to={activityRows("month")}
            testId="month-person-times"
          />
          <Stat
            label={t("monthly.participants")}
            value={n(report.month_.participants)}
            to={activityRows("month")}
            testId="month-participants"
          />
          <Stat
            label={t("monthly.peopleServed")}
            value={n(report.month_.people)}
            to={rowsLink("contractPeople", "month")}
            testId="month-people"
          />
          <Stat
            label={t("monthly.spent")}
            value={formatYuan(report.spentFen, lng)}
            to={rowsLink("expenditures", "month")}
            testId="month-spent"
          />
        </StatGrid>
      </section>
      <div className="grid-2">
        <section className="card">
          <h2>{t("monthly.deliverables", { date: formatDate(report.asOf, lng) })}</h2>
          {p ? (
            <>
              <Link to={activityRows("soFar")} className="report__figure-link" data-testid="progress-link">
                <ProgressLines progress={p} />
              </Link>
              <dl className="facts report__facts">
                <dt>{t("monthly.peopleServedTotal")}</dt>
                <dd>
                  <Link to={rowsLink("contractPeople", "soFar")} data-testid="people-served-total">
                    {n(p.peopleServed)}
                  </Link>
                </dd>
                <dt>{t("monthly.homeVisits")}</dt>
                <dd>
                  <Link to={rowsLink("contractHomeVisits", "soFar")} data-testid="home-visits-total">
                    {n(p.homeVisits.done)}
                  </Link>
                  {p.homeVisits.expected !== null && (
                    <span className="muted">
                      {" "}
                      / {t("monthly.homeVisitsExpected", { n: n(p.homeVisits.expected) })}
                    </span>
                  )}
                </dd>
                <dt>{t("monthly.allocated")}</dt>
                <dd>
                  <Link to={rowsLink("contractAllocations", "soFar")} data-testid="allocated-total">
                    {formatYuan(p.money.allocatedFen, lng)}
                  </Link>
                </dd>
                <dt>{t("monthly.spentTotal")}</dt>
                <dd>
                  <Link to={rowsLink("expenditures", "soFar")} data-testid="spent-total">
                    {formatYuan(p.money.spentFen, lng)}
                  </Link>{" "}
                  <span className="muted">
                    (
                    <Link to={rowsLink("expenditures", "soFar")}>
                      {formatPercent(
                        p.money.allocatedFen ? p.money.spentFen / p.money.allocatedFen : null,
                        lng,
                      )}
                    </Link>
                    )
                  </span>
                </dd>
                <dt>{t("monthly.elapsed")}</dt>
                <dd>{formatPercent(p.elapsedShare, lng, 0)}</dd>
              </dl>
            </>
          ) : null}
        </section>
        <section className="card">
          <h2>{t("monthly.byKind")}</h2>
          <ActivityCountsTable
            label={t("review.col.activityKind")}
            rows={report.byKind.map((r) => ({
              ...r,
              key: r.kind,
              name: t(`common:enum.activityKind.${r.kind}`),
              to: activityRows("month", { kind: r.kind }),
            }))}
          />
          <h2>{t("monthly.spending")}</h2>
          <table className="table" data-testid="month-spending">
            <thead>
              <tr>
                <th>{t("monthly.category")}</th>
                <th className="num">{t("monthly.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {report.spending.length === 0 ? (
                <tr>
                  <td colSpan={2} className="muted">
                    {t("common:table.empty")}
                  </td>
                </tr>
              ) : null}
              {report.spending.map((r) => (
                <tr key={r.category}>
                  <td>{t(`common:enum.expenditureCategory.${r.category}`)}</td>
                  <FigureCell to={rowsLink("expenditures", "month", { category: r.category })}>
                    {formatYuan(r.fen, lng)}
                  </FigureCell>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
