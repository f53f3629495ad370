// Which contracts a region's report counts (ADR 010 rule 2: the definition lives once, beside its owner): not a
// draft, its dates overlapping the period, and its place (the facility's township, or the care project's region)
// under the region. The reports splice it into raw SQL over these aliases.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { careProjects, contracts, facilities, regions } from "#db/schema";
import { literalNe } from "~/utils/sql-literals";

/** A contract (c), its facility (f) and township (t), its care project (p) and the project's region (pr). */
export const placedContract = {
  c: alias(contracts, "c"),
  f: alias(facilities, "f"),
  t: alias(regions, "t"),
  p: alias(careProjects, "p"),
  pr: alias(regions, "pr"),
};
const { c, f, t, p, pr } = placedContract;

/** The joins from `c` to its place, to follow `from contracts c`. */
export function contractPlaceJoins(): SQL {
  return sql`left join ${facilities} ${f} on ${f.id} = ${c.facilityId}
    left join ${regions} ${t} on ${t.id} = ${f.townshipId}
    left join ${careProjects} ${p} on ${p.id} = ${c.careProjectId}
    left join ${regions} ${pr} on ${pr.id} = ${p.regionId}`;
}

/** Whether contract `c` (placed by `contractPlaceJoins`) is at a place under the region (a code pattern). */
export function contractPlacedIn(regionPattern: string): SQL {
  return sql`(${t.code} like ${regionPattern} or ${pr.code} like ${regionPattern})`;
}

/** Whether contract `c` (placed by `contractPlaceJoins`) runs in the region (a code pattern) during the period. */
export function contractRunningIn(regionPattern: string, period: { start: string; end: string }): SQL {
  return sql`(${literalNe(c.status, "draft")} and ${c.startsOn} <= ${period.end} and ${c.endsOn} >= ${period.start}
    and ${contractPlacedIn(regionPattern)})`;
}
