// The year in review as a workbook: one sheet per table of the printed page, numbers as numbers, money in yuan.
import type { TFunction } from "i18next";
import type { WorkforceFigures } from "~/modules/workforce/figures.server";
import { rowsBelow } from "~/modules/workforce/levels";
import { yuanAmount } from "~/utils/format";
import type { Sheet } from "~/utils/xlsx.server";
import type { ReviewWorkforce } from "./review-workforce.server";
import type { YearInReview } from "./year-in-review.server";

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);
/** A share as the other sheets write it (four decimals); a per-worker figure to two. */
const share = (v: number | null) => (v == null ? null : Math.round(v * 10000) / 10000);
const perWorker = (v: number | null) => (v == null ? null : Math.round(v * 100) / 100);

/** The workforce figures of one row, in the order of `workforceHeader`. */
export function workforceCells(f: WorkforceFigures): (number | null)[] {
  return [
    f.workers,
    f.target,
    f.staffedToTarget,
    share(f.staffing),
    f.certified,
    share(f.certifiedShare),
    f.carers,
    f.carersCertified,
    share(f.carersCertifiedShare),
    f.trainingHours,
    perWorker(f.hoursPerWorker),
    f.peopleInCare,
    f.caseWorkers,
    perWorker(f.caseload),
  ];
}

const workforceHeader = (t: TFunction) => [
  t("workforce:figures.workers"),
  t("reports:xlsx.staffTarget"),
  t("reports:xlsx.staffedToTarget"),
  t("workforce:figures.staffing"),
  t("reports:xlsx.certified"),
  t("workforce:figures.certifiedShare"),
  t("reports:xlsx.carers"),
  t("reports:xlsx.carersCertified"),
  t("workforce:figures.carersCertifiedShare"),
  t("reports:xlsx.trainingHours"),
  t("workforce:figures.hoursPerWorker"),
  t("reports:xlsx.peopleInCare"),
  t("reports:xlsx.caseWorkers"),
  t("workforce:figures.caseload"),
];

/**
 * The page's workforce and 低保 sections: the workforce by the level below the region with the region's total last,
 * the year's trainings, and 低保 households and persons (persons as of the report date, households as grouped today).
 */
function sectionSheets(
  review: YearInReview,
  { workforce, trainings }: ReviewWorkforce,
  t: TFunction,
): Sheet[] {
  const { rows, by } = rowsBelow(workforce, review.region.level);
  const { dibao } = review;
  return [
    {
      name: t("workforce:figures.title"),
      header: [t(`workforce:figures.by.${by}`), ...workforceHeader(t)],
      rows: [
        ...rows.map((r) => [r.name, ...workforceCells(r.figures)]),
        [t("reports:review.total"), ...workforceCells(workforce.total)],
      ],
      columnWidths: [28, ...workforceHeader(t).map(() => 14)],
    },
    {
      name: t("workforce:trainings.title"),
      header: [
        t("workforce:trainings.heldOn"),
        t("workforce:trainings.topic"),
        t("workforce:trainings.organizer"),
        t("workforce:trainings.hours"),
        t("workforce:trainings.participantsCount"),
      ],
      rows: [
        ...trainings.list.map((tr) => [tr.heldOn, tr.topic, tr.organizer, tr.hours, tr.participants]),
        [
          t("reports:xlsx.trainingsTotal", { count: trainings.trainings }),
          "",
          "",
          trainings.hours,
          trainings.participants,
        ],
      ],
      columnWidths: [14, 36, 28, 10, 12],
    },
    {
      name: t("households:dibao.reviewTitle"),
      header: [t("reports:xlsx.figure"), t("reports:xlsx.value")],
      rows: [
        [t("reports:xlsx.dibaoHouseholds"), dibao.households],
        [t("reports:xlsx.dibaoPersons"), dibao.persons],
        [t("reports:xlsx.dibaoWithoutHousehold"), dibao.withoutHousehold],
        [t("reports:xlsx.note"), t("households:dibao.definition")],
        [t("reports:xlsx.note"), t("households:dibao.asOf", { date: review.period.asOf })],
      ],
      columnWidths: [40, 24],
    },
  ];
}

export function yearInReviewSheets(review: YearInReview, workforce: ReviewWorkforce, t: TFunction): Sheet[] {
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
    ...sectionSheets(review, workforce, t),
  ];
}
