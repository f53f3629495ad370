import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { personCategories } from "#db/schema/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission } from "~/modules/access/guard.server";
import { titleText } from "~/modules/i18n/meta";
import { regionLabel } from "~/modules/regions/label";
import {
  ChartFrame,
  LazyMonthlyByKindChart,
  LazyPersonTimesByFacilityChart,
  LazyTrendChart,
} from "~/modules/reports/charts";
import { PrintButton } from "~/modules/reports/print-button";
import { periodOf, reportRegion, reportRegionChoices, reportYears } from "~/modules/reports/region.server";
import { reviewLinks } from "~/modules/reports/rows-link";
import { yearInReview } from "~/modules/reports/year-in-review.server";
import reportsCss from "~/styles/reports.css?url";
import {
  formatDate,
  formatMonthShort,
  formatNumber,
  formatPercent,
  formatWan,
  formatYuan,
} from "~/utils/format";

export const handle = { i18n: ["common", "reports"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.review.region.name} ${data.review.period.year}` : "—");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report");
  const url = new URL(request.url);
  const years = await reportYears();
  const asked = Number(url.searchParams.get("year"));
  const year = years.includes(asked) ? asked : years[0];
  const region = await reportRegion(user, url.searchParams.get("region"));
  const [review, regions] = await Promise.all([
    yearInReview({ user, region, period: periodOf(year) }),
    reportRegionChoices(user),
  ]);
  return { review, years, regions };
}

const months = Array.from({ length: 12 }, (_, i) => i + 1);

export default function YearInReviewPage() {
  const { review, years, regions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reports", "common"]);
  const lng = i18n.language;
  const n = (v: number | null | undefined) => formatNumber(v, lng);
  const { region, period, headline, activities: act } = review;
  const { rows: rowsLink, activities: activityLink } = reviewLinks(region.code, period);
  const kindLabel = (k: string) => t(`common:enum.activityKind.${k}`);
  const monthLabel = (m: number) => formatMonthShort(m, lng);
  const kindsUsed = [...new Set(act.byMonth.map((r) => r.kind))];
  const monthly = months.map((m) => {
    const row: Record<string, number | string> = { month: monthLabel(m) };
    for (const k of kindsUsed)
      row[k] = act.byMonth.find((r) => r.month === m && r.kind === k)?.activities ?? 0;
    return row as { month: string } & Record<string, number>;
  });
  const trend = months.map((m) => ({
    month: monthLabel(m),
    activities: act.byMonth.filter((r) => r.month === m).reduce((s, r) => s + r.activities, 0),
    personTimes: act.byMonth.filter((r) => r.month === m).reduce((s, r) => s + r.personTimes, 0),
  }));
  const topFacilities = act.byFacility
    .slice(0, 15)
    .map((f) => ({ name: f.name, personTimes: f.personTimes }));
  const categoriesUsed = personCategories.filter((c) =>
    review.peopleInCare.byCategory.some((r) => r.category === c),
  );
  const stations = review.network.stations;
  const facilityKinds = [...new Set(review.network.rows.map((r) => r.kind))];
  const facilityStatuses = [...new Set(review.network.rows.map((r) => r.status))];

  return (
    <article className="report" data-testid="year-in-review">
      <PageHeader
        title={t("review.title", { region: regionLabel(region, lng), year: period.year })}
        subtitle={
          period.complete
            ? t("review.subtitleComplete", {
                start: formatDate(period.start, lng),
                end: formatDate(period.end, lng),
              })
            : t("review.subtitlePartial", {
                start: formatDate(period.start, lng),
                asOf: formatDate(period.asOf, lng),
              })
        }
        actions={
          <>
            <PrintButton />
            <a
              className="btn btn--secondary"
              href={`/reports/year-in-review.xlsx?year=${period.year}&region=${region.code}`}
              download
              data-testid="xlsx-link"
            >
              {t("common:actions.exportXlsx")}
            </a>
          </>
        }
      />
      <Form method="get" className="filters no-print">
        <label>
          {t("review.year")}
          <select name="year" defaultValue={period.year}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {regions.length > 1 ? (
          <label>
            {t("review.region")}
            <select name="region" defaultValue={region.code}>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {regionLabel(r, lng)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="btn btn--secondary">
          {t("review.show")}
        </button>
      </Form>

      <section className="report__section report__headline">
        <h2>{t("review.headline")}</h2>
        <StatGrid>
          <Stat
            label={t("review.dayCare", { count: headline.dayCare.facilities })}
            value={n(headline.dayCare.personTimes)}
            hint={t("common:units.personTimes")}
            to={activityLink({ facilityKind: "day_care_centre" })}
            testId="headline-day-care"
          />
          <Stat
            label={t("review.activityCentre", { count: headline.activityCentre.facilities })}
            value={n(headline.activityCentre.personTimes)}
            hint={t("common:units.personTimes")}
            to={activityLink({ facilityKind: "elderly_activity_centre" })}
            testId="headline-activity-centre"
          />
          <Stat
            label={t("review.childrenActivities")}
            value={n(headline.childrenActivities)}
            hint={t("review.activitiesUnit")}
            to={activityLink({ projectKind: "children" })}
            testId="headline-children-activities"
          />
          <Stat
            label={t("review.stationFunds", { count: headline.stationFunds.stations })}
            value={formatWan(headline.stationFunds.fen, lng)}
            to={rowsLink("allocations", { purpose: "stations" })}
            testId="headline-station-funds"
          />
          <Stat
            label={t("review.childrenFunds")}
            value={formatWan(headline.childrenFunds.fen, lng)}
            to={rowsLink("allocations", { purpose: "children" })}
            testId="headline-children-funds"
          />
          <Stat
            label={t("review.stationsOperating")}
            value={`${n(stations.operating)} / ${n(stations.all)}`}
            hint={t("review.stationsHint", {
              building: stations.underConstruction,
              planned: stations.planned,
            })}
            to={rowsLink("facilities", { kind: "social_work_station" })}
            testId="headline-stations"
          />
          <Stat
            label={t("review.visitRate")}
            value={formatPercent(review.visits.rate, lng)}
            hint={t("review.visitRateHint", { onTime: n(review.visits.onTime), done: n(review.visits.done) })}
            to={rowsLink("visits")}
            testId="headline-visit-rate"
          />
          <Stat
            label={t("review.partyCoverage")}
            value={formatPercent(headline.partyCoverage, lng, 0)}
            hint={t("review.partyHint", {
              with: review.organizations.withBranch,
              all: review.organizations.organizations,
            })}
            to={rowsLink("organizations")}
            testId="headline-party"
          />
        </StatGrid>
      </section>

      <section className="report__section">
        <h2>{t("review.activitiesTitle")}</h2>
        <p className="muted" data-testid="activities-total">
          <Trans
            t={t}
            i18nKey="review.activitiesTotal"
            values={{ activities: n(act.totals.activities), personTimes: n(act.totals.personTimes) }}
            components={{ rows: <Link to={activityLink({})} /> }}
          />
        </p>
        <div className="grid-2 report__pair">
          <div className="table-wrap">
            <table className="table" data-testid="by-facility-kind">
              <caption>{t("review.byFacilityKind")}</caption>
              <thead>
                <tr>
                  <th>{t("review.col.facilityKind")}</th>
                  <th className="num">{t("review.col.facilities")}</th>
                  <th className="num">{t("review.col.activities")}</th>
                  <th className="num">{t("review.col.personTimes")}</th>
                </tr>
              </thead>
              <tbody>
                {act.byKind.map((r) => (
                  <tr key={r.kind}>
                    <td>{t(`common:enum.facilityKind.${r.kind}`)}</td>
                    <td className="num">
                      <Link to={rowsLink("facilityActivities", { kind: r.kind })}>{n(r.facilities)}</Link>
                    </td>
                    <td className="num">
                      <Link to={activityLink({ facilityKind: r.kind })}>{n(r.activities)}</Link>
                    </td>
                    <td className="num">
                      <Link to={activityLink({ facilityKind: r.kind })}>{n(r.personTimes)}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="by-project">
              <caption>{t("review.byProject")}</caption>
              <thead>
                <tr>
                  <th>{t("review.col.project")}</th>
                  <th className="num">{t("review.col.activities")}</th>
                  <th className="num">{t("review.col.personTimes")}</th>
                </tr>
              </thead>
              <tbody>
                {act.byProject.length === 0 ? (
                  <tr>
                    <td colSpan={3} className="muted">
                      {t("common:table.empty")}
                    </td>
                  </tr>
                ) : null}
                {act.byProject.map((r) => (
                  <tr key={r.id}>
                    <td>{r.name}</td>
                    <td className="num">
                      <Link to={activityLink({ project: r.id })}>{n(r.activities)}</Link>
                    </td>
                    <td className="num">
                      <Link to={activityLink({ project: r.id })}>{n(r.personTimes)}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <ChartFrame title={t("review.chartMonthly")} height={280}>
          <LazyMonthlyByKindChart
            data={monthly}
            kinds={kindsUsed}
            labels={Object.fromEntries(kindsUsed.map((k) => [k, kindLabel(k)]))}
          />
        </ChartFrame>
        <ChartFrame title={t("review.chartTrend")} height={260}>
          <LazyTrendChart
            data={trend}
            labels={{ activities: t("review.col.activities"), personTimes: t("review.col.personTimes") }}
          />
        </ChartFrame>
        {topFacilities.length > 0 ? (
          <ChartFrame
            title={t("review.chartFacilities")}
            height={Math.max(160, 28 * topFacilities.length + 40)}
          >
            <LazyPersonTimesByFacilityChart data={topFacilities} label={t("review.col.personTimes")} />
          </ChartFrame>
        ) : null}
        <div className="table-wrap">
          <table className="table report__compact" data-testid="by-facility">
            <caption>{t("review.byFacility")}</caption>
            <thead>
              <tr>
                <th>{t("review.col.facility")}</th>
                <th>{t("review.col.facilityKind")}</th>
                <th className="num">{t("review.col.activities")}</th>
                <th className="num">{t("review.col.personTimes")}</th>
              </tr>
            </thead>
            <tbody>
              {act.byFacility.map((f) => (
                <tr key={f.id}>
                  <td>{f.name}</td>
                  <td>{t(`common:enum.facilityKind.${f.kind}`)}</td>
                  <td className="num">
                    <Link to={activityLink({ facility: f.id })}>{n(f.activities)}</Link>
                  </td>
                  <td className="num">
                    <Link to={activityLink({ facility: f.id })}>{n(f.personTimes)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="report__section">
        <h2>{t("review.peopleTitle")}</h2>
        <p className="muted">
          <Trans
            t={t}
            i18nKey="review.peopleNote"
            values={{ total: n(review.peopleInCare.total) }}
            components={{ rows: <Link to={rowsLink("people")} /> }}
          />
        </p>
        <div className="table-wrap">
          <table className="table report__compact" data-testid="people-by-county">
            <thead>
              <tr>
                <th>{t("review.col.county")}</th>
                {categoriesUsed.map((c) => (
                  <th key={c} className="num">
                    {t(`common:enum.personCategory.${c}`)}
                  </th>
                ))}
                <th className="num">{t("review.col.people")}</th>
              </tr>
            </thead>
            <tbody>
              {review.peopleInCare.byCounty.map((county) => (
                <tr key={county.countyCode}>
                  <td>{county.countyName}</td>
                  {categoriesUsed.map((c) => {
                    const v =
                      review.peopleInCare.rows.find(
                        (r) => r.countyCode === county.countyCode && r.category === c,
                      )?.people ?? 0;
                    return (
                      <td key={c} className="num">
                        {v ? (
                          <Link
                            to={rowsLink("people", { county: county.countyCode.slice(0, 6), category: c })}
                          >
                            {n(v)}
                          </Link>
                        ) : (
                          <span className="muted">0</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="num">
                    <Link to={rowsLink("people", { county: county.countyCode.slice(0, 6) })}>
                      {n(county.people)}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>{t("review.total")}</th>
                {categoriesUsed.map((c) => (
                  <th key={c} className="num">
                    <Link to={rowsLink("people", { category: c })}>
                      {n(review.peopleInCare.byCategory.find((r) => r.category === c)?.people ?? 0)}
                    </Link>
                  </th>
                ))}
                <th className="num">
                  <Link to={rowsLink("people")}>{n(review.peopleInCare.total)}</Link>
                </th>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section className="report__section">
        <h2>{t("review.visitsTitle")}</h2>
        <p className="muted">{t("review.visitsNote")}</p>
        <div className="table-wrap">
          <table className="table report__compact" data-testid="visits-by-county">
            <thead>
              <tr>
                <th>{t("review.col.county")}</th>
                <th className="num">{t("review.col.visitsDone")}</th>
                <th className="num">{t("review.col.onTime")}</th>
                <th className="num">{t("review.col.onTimeRate")}</th>
              </tr>
            </thead>
            <tbody>
              {review.visits.byCounty.map((r) => (
                <tr key={r.countyCode}>
                  <td>{r.countyName}</td>
                  <td className="num">
                    <Link to={rowsLink("visits", { county: r.countyCode.slice(0, 6) })}>{n(r.done)}</Link>
                  </td>
                  <td className="num">
                    <Link to={rowsLink("visits", { county: r.countyCode.slice(0, 6), onTime: 1 })}>
                      {n(r.onTime)}
                    </Link>
                  </td>
                  <td className="num">
                    <Link to={rowsLink("visits", { county: r.countyCode.slice(0, 6) })}>
                      {formatPercent(r.done ? r.onTime / r.done : null, lng)}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>{t("review.total")}</th>
                <th className="num">
                  <Link to={rowsLink("visits")}>{n(review.visits.done)}</Link>
                </th>
                <th className="num">
                  <Link to={rowsLink("visits", { onTime: 1 })}>{n(review.visits.onTime)}</Link>
                </th>
                <th className="num">
                  <Link to={rowsLink("visits")}>{formatPercent(review.visits.rate, lng)}</Link>
                </th>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section className="report__section">
        <h2>{t("review.fundsTitle")}</h2>
        <div className="table-wrap">
          <table className="table report__compact" data-testid="funds">
            <thead>
              <tr>
                <th>{t("review.col.source")}</th>
                <th>{t("review.col.sourceKind")}</th>
                <th className="num">{t("review.col.total")}</th>
                <th className="num">{t("review.col.allocated")}</th>
                <th className="num">{t("review.col.spent")}</th>
                <th className="num">{t("review.col.execution")}</th>
              </tr>
            </thead>
            <tbody>
              {review.funds.rows.map((f) => (
                <tr key={f.id}>
                  <td>{f.name}</td>
                  <td>
                    {t(`common:enum.fundingSourceKind.${f.kind}`)}
                    {f.donorProvince ? <span className="muted"> · {f.donorProvince}</span> : null}
                  </td>
                  <td className="num">
                    <Link to={rowsLink("fundingSources", { source: f.id })}>
                      {formatWan(f.totalFen, lng)}
                    </Link>
                  </td>
                  <td className="num">
                    <Link to={rowsLink("allocations", { source: f.id })}>
                      {formatWan(f.allocatedFen, lng)}
                    </Link>
                  </td>
                  <td className="num">
                    <Link to={rowsLink("spending", { source: f.id })}>{formatWan(f.spentFen, lng)}</Link>
                  </td>
                  <td className="num">
                    <Link to={rowsLink("spending", { source: f.id })}>
                      {formatPercent(f.allocatedFen ? f.spentFen / f.allocatedFen : null, lng)}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>{t("review.total")}</th>
                <th className="num">
                  <Link to={rowsLink("fundingSources")}>{formatWan(review.funds.totalFen, lng)}</Link>
                </th>
                <th className="num">
                  <Link to={rowsLink("allocations", { sources: "year" })}>
                    {formatWan(review.funds.allocatedFen, lng)}
                  </Link>
                </th>
                <th className="num">
                  <Link to={rowsLink("spending")}>{formatWan(review.funds.spentFen, lng)}</Link>
                </th>
                <th className="num">
                  <Link to={rowsLink("spending")}>
                    {formatPercent(
                      review.funds.allocatedFen ? review.funds.spentFen / review.funds.allocatedFen : null,
                      lng,
                    )}
                  </Link>
                </th>
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="muted report__note">
          <Trans
            t={t}
            i18nKey="review.fundsNote"
            values={{ total: formatYuan(review.funds.totalFen, lng) }}
            components={{ rows: <Link to={rowsLink("fundingSources")} /> }}
          />
        </p>
      </section>

      <section className="report__section">
        <h2>{t("review.networkTitle")}</h2>
        <p className="muted">{t("review.networkNote", { date: formatDate(period.asOf, lng) })}</p>
        <div className="table-wrap">
          <table className="table report__compact" data-testid="network">
            <thead>
              <tr>
                <th>{t("review.col.facilityKind")}</th>
                {facilityStatuses.map((s) => (
                  <th key={s} className="num">
                    {t(`common:enum.facilityStatus.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {facilityKinds.map((k) => (
                <tr key={k}>
                  <td>{t(`common:enum.facilityKind.${k}`)}</td>
                  {facilityStatuses.map((s) => {
                    const v =
                      review.network.rows.find((r) => r.kind === k && r.status === s)?.facilities ?? 0;
                    return (
                      <td key={s} className="num">
                        {v ? (
                          <Link to={rowsLink("facilities", { kind: k, status: s })}>{n(v)}</Link>
                        ) : (
                          <span className="muted">0</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="report__section">
        <h2>{t("review.organizationsTitle")}</h2>
        <dl className="facts report__facts" data-testid="organizations">
          <dt>{t("review.orgsRegistered")}</dt>
          <dd>
            <Link to={rowsLink("organizations")}>{n(review.organizations.organizations)}</Link>
          </dd>
          <dt>{t("review.orgsWithBranch")}</dt>
          <dd>
            <Link to={rowsLink("organizations", { party: 1 })}>{n(review.organizations.withBranch)}</Link>
            <span className="muted">
              {" ("}
              <Link to={rowsLink("organizations")}>{formatPercent(review.organizations.coverage, lng)}</Link>)
            </span>
          </dd>
          <dt>{t("review.orgsNew", { year: period.year })}</dt>
          <dd>
            <Link to={rowsLink("organizations", { registered: "year" })}>
              {n(review.organizations.registeredInYear)}
            </Link>
          </dd>
          <dt>{t("review.orgsContracted")}</dt>
          <dd>
            <Link to={rowsLink("organizations", { contracted: 1 })}>
              {n(review.organizations.underContract)}
            </Link>
          </dd>
        </dl>
      </section>
      <footer className="report__footer muted">
        {t("review.footer", { date: formatDate(period.asOf, lng) })}
      </footer>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
