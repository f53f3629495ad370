// The year in review, its first half: the headline figures, and the activities by facility, project and month.
import { Link } from "@remix-run/react";
import { Trans } from "react-i18next";
import { Stat, StatGrid } from "~/components/ui/stat";
import { formatMonthShort, formatPercent, formatWan } from "~/utils/format";
import {
  ChartFrame,
  LazyMonthlyByKindChart,
  LazyPersonTimesByFacilityChart,
  LazyTrendChart,
} from "../charts";
import { ActivityCountsTable, FigureCell } from "./figure-cell";
import { useReviewSection, type YearInReview } from "./review-types";

const months = Array.from({ length: 12 }, (_, i) => i + 1);

export function ReviewHeadline({ review }: { review: YearInReview }) {
  const { headline } = review;
  const stations = review.network.stations;
  const { t, lng, n, rowsLink, activityLink } = useReviewSection(review);
  return (
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
          hint={t("review.childrenActivitiesHint")}
          to={activityLink({ projectKind: "children" })}
          testId="headline-children-activities"
        />
        <Stat
          label={t("review.childrenCentre", { count: headline.childrenCentre.facilities })}
          value={n(headline.childrenCentre.personTimes)}
          hint={t("review.childrenCentreHint", { activities: n(headline.childrenCentre.activities) })}
          to={activityLink({ facilityKind: "children_care_centre" })}
          testId="headline-children-centre"
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
          value={`${n(stations.covering)} / ${n(stations.all)}`}
          hint={t("review.stationsHint", {
            trial: stations.trialOperation,
            building: stations.underConstruction,
            accepted: stations.accepted,
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
  );
}

export function ReviewActivities({ review }: { review: YearInReview }) {
  const act = review.activities;
  const { t, lng, n, rowsLink, activityLink } = useReviewSection(review);
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
  return (
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
                  <FigureCell to={rowsLink("facilityActivities", { kind: r.kind })}>
                    {n(r.facilities)}
                  </FigureCell>
                  <FigureCell to={activityLink({ facilityKind: r.kind })}>{n(r.activities)}</FigureCell>
                  <FigureCell to={activityLink({ facilityKind: r.kind })}>{n(r.personTimes)}</FigureCell>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <ActivityCountsTable
            caption={t("review.byProject")}
            testId="by-project"
            label={t("review.col.project")}
            rows={act.byProject.map((r) => ({ ...r, key: r.id, to: activityLink({ project: r.id }) }))}
          />
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
                <FigureCell to={activityLink({ facility: f.id })}>{n(f.activities)}</FigureCell>
                <FigureCell to={activityLink({ facility: f.id })}>{n(f.personTimes)}</FigureCell>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
