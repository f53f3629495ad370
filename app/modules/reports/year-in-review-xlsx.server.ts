// The year in review as a workbook: one sheet per table of the printed page, numbers as numbers, money in yuan.
import type { TFunction } from "i18next";
import { yuanAmount } from "~/utils/format";
import type { Sheet } from "~/utils/xlsx.server";
import type { YearInReview } from "./year-in-review.server";

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);

export function yearInReviewSheets(review: YearInReview, t: TFunction): Sheet[] {
  const { headline, activities: act, peopleInCare, visits, funds, network, organizations } = review;
  return [
    {
      name: t("reports:xlsx.summary"),
      header: [t("reports:xlsx.figure"), t("reports:xlsx.value")],
      rows: [
        [t("reports:xlsx.region"), review.region.name],
        [t("reports:xlsx.period"), `${review.period.start} – ${review.period.asOf}`],
        [t("reports:review.dayCare", { count: headline.dayCare.facilities }), headline.dayCare.personTimes],
        [
          t("reports:review.activityCentre", { count: headline.activityCentre.facilities }),
          headline.activityCentre.personTimes,
        ],
        [t("reports:review.childrenActivities"), headline.childrenActivities],
        [
          t("reports:review.childrenCentre", { count: headline.childrenCentre.facilities }),
          headline.childrenCentre.personTimes,
        ],
        [
          `${t("reports:review.stationFunds", { count: headline.stationFunds.stations })} (${t("common:units.yuan")})`,
          yuanAmount(headline.stationFunds.fen),
        ],
        [
          `${t("reports:review.childrenFunds")} (${t("common:units.yuan")})`,
          yuanAmount(headline.childrenFunds.fen),
        ],
        [t("reports:review.stationsOperating"), network.stations.covering],
        [t("reports:xlsx.stationsInTrial"), network.stations.trialOperation],
        [t("reports:xlsx.stationsAll"), network.stations.all],
        [t("reports:review.visitRate"), visits.rate],
        [t("reports:review.partyCoverage"), headline.partyCoverage],
        [t("reports:review.col.activities"), act.totals.activities],
        [t("reports:review.col.personTimes"), act.totals.personTimes],
      ],
      columnWidths: [40, 24],
    },
    {
      name: t("reports:review.byFacilityKind"),
      header: [
        t("reports:review.col.facilityKind"),
        t("reports:review.col.facilities"),
        t("reports:review.col.activities"),
        t("reports:review.col.personTimes"),
      ],
      rows: act.byKind.map((r) => [
        t(`common:enum.facilityKind.${r.kind}`),
        r.facilities,
        r.activities,
        r.personTimes,
      ]),
    },
    {
      name: t("reports:review.byFacility"),
      header: [
        t("reports:review.col.facility"),
        t("reports:review.col.facilityKind"),
        t("reports:review.col.activities"),
        t("reports:review.col.personTimes"),
      ],
      rows: act.byFacility.map((r) => [
        r.name,
        t(`common:enum.facilityKind.${r.kind}`),
        r.activities,
        r.personTimes,
      ]),
      columnWidths: [36, 20, 12, 12],
    },
    {
      name: t("reports:review.byProject"),
      header: [
        t("reports:review.col.project"),
        t("reports:review.col.activities"),
        t("reports:review.col.personTimes"),
      ],
      rows: act.byProject.map((r) => [r.name, r.activities, r.personTimes]),
      columnWidths: [40, 12, 12],
    },
    {
      name: t("reports:xlsx.monthly"),
      header: [
        t("reports:xlsx.month"),
        t("reports:review.col.activityKind"),
        t("reports:review.col.activities"),
        t("reports:review.col.personTimes"),
      ],
      rows: act.byMonth.map((r) => [
        r.month,
        t(`common:enum.activityKind.${r.kind}`),
        r.activities,
        r.personTimes,
      ]),
    },
    {
      name: t("reports:review.peopleTitle"),
      header: [
        t("reports:review.col.county"),
        t("reports:review.col.category"),
        t("reports:review.col.people"),
      ],
      rows: peopleInCare.rows.map((r) => [
        r.countyName,
        t(`common:enum.personCategory.${r.category}`),
        r.people,
      ]),
    },
    {
      name: t("reports:review.visitsTitle"),
      header: [
        t("reports:review.col.county"),
        t("reports:review.col.visitsDone"),
        t("reports:review.col.onTime"),
        t("reports:review.col.onTimeRate"),
      ],
      rows: [
        ...visits.byCounty.map((r) => [r.countyName, r.done, r.onTime, ratio(r.onTime, r.done)]),
        [t("reports:review.total"), visits.done, visits.onTime, visits.rate],
      ],
    },
    {
      name: t("reports:review.fundsTitle"),
      header: [
        t("reports:review.col.source"),
        t("reports:review.col.sourceKind"),
        `${t("reports:review.col.total")} (${t("common:units.yuan")})`,
        `${t("reports:review.col.allocated")} (${t("common:units.yuan")})`,
        `${t("reports:review.col.spent")} (${t("common:units.yuan")})`,
        t("reports:review.col.execution"),
      ],
      rows: [
        ...funds.rows.map((f) => [
          f.id === null ? t("reports:review.unallocated") : f.name,
          f.kind ? t(`common:enum.fundingSourceKind.${f.kind}`) : "",
          yuanAmount(f.totalFen),
          yuanAmount(f.allocatedFen),
          yuanAmount(f.spentFen),
          ratio(f.spentFen, f.allocatedFen),
        ]),
        [
          t("reports:review.total"),
          "",
          yuanAmount(funds.totalFen),
          yuanAmount(funds.allocatedFen),
          yuanAmount(funds.spentFen),
          ratio(funds.spentFen, funds.allocatedFen),
        ],
      ],
      columnWidths: [44, 14, 16, 16, 16, 10],
    },
    {
      name: t("reports:review.networkTitle"),
      header: [
        t("reports:review.col.facilityKind"),
        t("reports:review.col.status"),
        t("reports:review.col.facilities"),
      ],
      rows: network.rows.map((r) => [
        t(`common:enum.facilityKind.${r.kind}`),
        t(`common:enum.facilityStatus.${r.status}`),
        r.facilities,
      ]),
    },
    {
      name: t("reports:review.organizationsTitle"),
      header: [t("reports:xlsx.figure"), t("reports:xlsx.value")],
      rows: [
        [t("reports:review.orgsRegistered"), organizations.organizations],
        [t("reports:review.orgsWithBranch"), organizations.withBranch],
        [t("reports:review.partyCoverage"), organizations.coverage],
        [t("reports:review.orgsNew", { year: review.period.year }), organizations.registeredInYear],
        [t("reports:review.orgsContracted"), organizations.underContract],
      ],
      columnWidths: [40, 14],
    },
  ];
}
