// This year beside the last, for every headline figure of the year in review: both columns are the year in review's
// own figures (yearInReview of each year), so a figure means the same here as there. A past year is read as the
// register stood at its end (person and facility status history).
import type { SessionUser } from "~/modules/access/types";
import { periodOf, type ReportPeriod, type ReportRegion } from "./region.server";
import { type YearInReview, yearInReview } from "./year-in-review.server";

/** How a figure is written: a count, money in fen (shown in 万元), or a share (its difference in points). */
export type FigureFormat = "count" | "fen" | "share";

/** The headline figures, in the order the year in review shows them, each read from a review. */
export const headlineFigures = [
  { key: "dayCarePersonTimes", format: "count", of: (r) => r.headline.dayCare.personTimes },
  { key: "activityCentrePersonTimes", format: "count", of: (r) => r.headline.activityCentre.personTimes },
  { key: "childrenActivities", format: "count", of: (r) => r.headline.childrenActivities },
  { key: "childrenCentrePersonTimes", format: "count", of: (r) => r.headline.childrenCentre.personTimes },
  { key: "stationFunds", format: "fen", of: (r) => r.headline.stationFunds.fen },
  { key: "childrenFunds", format: "fen", of: (r) => r.headline.childrenFunds.fen },
  { key: "stationsCovering", format: "count", of: (r) => r.network.stations.covering },
  { key: "stationsInTrial", format: "count", of: (r) => r.network.stations.trialOperation },
  { key: "visitRate", format: "share", of: (r) => r.visits.rate },
  { key: "partyCoverage", format: "share", of: (r) => r.headline.partyCoverage },
  { key: "activities", format: "count", of: (r) => r.activities.totals.activities },
  { key: "personTimes", format: "count", of: (r) => r.activities.totals.personTimes },
  { key: "peopleInCare", format: "count", of: (r) => r.peopleInCare.total },
  { key: "dibaoHouseholds", format: "count", of: (r) => r.dibao.households },
  { key: "dibaoPersons", format: "count", of: (r) => r.dibao.persons },
  { key: "visitsDone", format: "count", of: (r) => r.visits.done },
  { key: "fundsAllocated", format: "fen", of: (r) => r.funds.allocatedFen },
  { key: "fundsSpent", format: "fen", of: (r) => r.funds.spentFen },
] as const satisfies readonly {
  key: string;
  format: FigureFormat;
  of: (r: YearInReview) => number | null;
}[];

export type HeadlineKey = (typeof headlineFigures)[number]["key"];

export type YearOnYearRow = {
  key: HeadlineKey;
  format: FigureFormat;
  thisYear: number | null;
  lastYear: number | null;
  /** This year minus last; for a share, in points of the share (0.05 = 5 points). */
  difference: number | null;
  /** The difference relative to last year, for counts and money; null when last year had none. */
  change: number | null;
};

export type YearOnYear = {
  region: ReportRegion;
  thisYear: ReportPeriod;
  lastYear: ReportPeriod;
  rows: YearOnYearRow[];
};

export function compareReviews(current: YearInReview, previous: YearInReview): YearOnYearRow[] {
  return headlineFigures.map(({ key, format, of }) => {
    const thisYear = of(current);
    const lastYear = of(previous);
    const difference = thisYear == null || lastYear == null ? null : thisYear - lastYear;
    const change = format !== "share" && difference != null && lastYear ? difference / lastYear : null;
    return { key, format, thisYear, lastYear, difference, change };
  });
}

/** The year's review and the one before, side by side, for a region already checked against the user's scope. */
export async function yearOnYear({
  user,
  region,
  period,
}: {
  user: SessionUser;
  region: ReportRegion;
  period: ReportPeriod;
}): Promise<YearOnYear> {
  const lastYear = periodOf(period.year - 1);
  const [current, previous] = await Promise.all([
    yearInReview({ user, region, period }),
    yearInReview({ user, region, period: lastYear }),
  ]);
  return { region, thisYear: period, lastYear, rows: compareReviews(current, previous) };
}
