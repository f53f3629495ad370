// Which region and year a report covers, checked against the user's scope: a planner reports on their region
// or a county inside it; organization and station staff get no region reports.
import { and, asc, inArray, like, sql } from "drizzle-orm";
import { activities, fundingSources, regions } from "#db/schema";
import { requirePermission } from "~/modules/access/guard.server";
import { type CheckedRegion, checkedRegionOrNull } from "~/modules/access/region.server";
import type { SessionUser } from "~/modules/access/types";
import { patternOfPrefix, regionCodeOrUndefined } from "~/modules/regions/codes";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";

/** Reports take only a region the access module checked against the user's scope. */
export type ReportRegion = CheckedRegion;

export type ReportPeriod = { year: number; start: string; end: string; asOf: string; complete: boolean };

export function periodOf(year: number, today = todayInShanghai()): ReportPeriod {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  return { year, start, end, asOf: end < today ? end : today, complete: end < today };
}

/** Organization and station staff report on their contracts, never on a region. */
export function reportsOnRegions(user: SessionUser): boolean {
  return user.scope.kind !== "organization" && user.scope.kind !== "station";
}

/**
 * The region to report on: the one asked for (by code) if it lies in the user's scope, else the user's own;
 * null when there is none the user may report on.
 */
export async function reportRegion(user: SessionUser, code: string | null): Promise<ReportRegion | null> {
  if (!reportsOnRegions(user)) return null;
  // A code that is no region code at all means the user's own region, as before codes of 6 and 9 digits were read.
  return checkedRegionOrNull(user, regionCodeOrUndefined(code), {
    levels: ["province", "prefecture", "county"],
    fallbackLevels: ["prefecture"],
  });
}

/** The region itself and its counties, for the report's region picker. */
export async function reportRegionChoices(
  user: SessionUser,
): Promise<{ code: string; name: string; nameBo: string | null; level: string }[]> {
  if (user.scope.kind === "organization" || user.scope.kind === "station") return [];
  const prefix = user.scope.kind === "region" ? user.scope.codePrefix : "";
  return db
    .select({ code: regions.code, name: regions.name, nameBo: regions.nameBo, level: regions.level })
    .from(regions)
    .where(and(like(regions.code, patternOfPrefix(prefix)), inArray(regions.level, ["prefecture", "county"])))
    .orderBy(asc(regions.code));
}

/** Years that have activities or funding, newest first, always including this year. */
export async function reportYears(): Promise<number[]> {
  const [fromActivities, fromFunding] = await Promise.all([
    db
      .selectDistinct({ year: sql<number>`extract(year from ${activities.occurredOn})::int` })
      .from(activities),
    db.selectDistinct({ year: fundingSources.year }).from(fundingSources),
  ]);
  const years = new Set([
    Number(todayInShanghai().slice(0, 4)),
    ...fromActivities.map((r) => r.year),
    ...fromFunding.map((r) => r.year),
  ]);
  return [...years].filter((y) => y >= 2000 && y <= 2100).sort((a, b) => b - a);
}

/**
 * What a year-in-review request asks for: the year (one with data, else the newest) and the region; null when the
 * region is not one the user may report on.
 */
export async function reviewRequest(user: SessionUser, params: URLSearchParams) {
  const years = await reportYears();
  const asked = Number(params.get("year"));
  const year = years.includes(asked) ? asked : years[0];
  const region = await reportRegion(user, params.get("region"));
  return region ? { years, year, region, period: periodOf(year) } : null;
}

/**
 * The guard of every year-and-region report (the year in review, year on year, the upward report and their
 * downloads): a reader of reports who reports on regions, asking for a region they may see; else 403 or 404.
 */
export async function requireReviewRequest(request: Request) {
  const user = await requirePermission(request, "read:report");
  if (!reportsOnRegions(user)) forbidden();
  const asked = await reviewRequest(user, new URL(request.url).searchParams);
  if (!asked) notFound();
  return { user, ...asked };
}
