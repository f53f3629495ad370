// Which region and year a report covers, checked against the user's scope: a planner reports on their region
// or a county inside it; organization and station staff get no region reports.
import { and, asc, eq, inArray, like, sql } from "drizzle-orm";
import { activities, fundingSources, regions } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { codePrefix } from "~/utils/regions";

export type ReportRegion = {
  id: number;
  code: string;
  name: string;
  nameBo: string | null;
  level: string;
  prefix: string;
};

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
  const wanted =
    code && /^\d{12}$/.test(code) ? code : user.scope.kind === "region" ? user.scope.regionCode : null;
  if (!wanted) {
    const [first] = await db
      .select()
      .from(regions)
      .where(eq(regions.level, "prefecture"))
      .orderBy(asc(regions.code))
      .limit(1);
    if (!first) return null;
    return { ...first, prefix: codePrefix(first.code, first.level) };
  }
  const [row] = await db
    .select()
    .from(regions)
    .where(and(eq(regions.code, wanted), inArray(regions.level, ["province", "prefecture", "county"])));
  if (!row) return null;
  const prefix = codePrefix(row.code, row.level);
  if (user.scope.kind === "region" && !prefix.startsWith(user.scope.codePrefix)) return null;
  return { id: row.id, code: row.code, name: row.name, nameBo: row.nameBo, level: row.level, prefix };
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
    .where(and(like(regions.code, `${prefix}%`), inArray(regions.level, ["prefecture", "county"])))
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
