// Headline figures for the home page, each limited to the user's scope and counted exactly as the list it links to
// counts its rows (tiles.ts holds the links; overview.test.ts checks each pair on the demo data).
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { facilities, organizations, people, regions, visits } from "#db/schema";
import { roleHas } from "~/modules/access/permissions";
import {
  facilitiesInScope,
  organizationsInScope,
  peopleInScope,
  regionsInScope,
  seesChildFiles,
  visitsInScope,
} from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { underActiveContract } from "~/modules/organizations/queries.server";
import { overdueVisit } from "~/modules/visits/overdue.server";
import { dueThisWeek } from "~/modules/visits/queries.server";
import { db } from "~/utils/db.server";

export type HeadlineFigures = {
  stations: { operating: number; underConstruction: number; planned: number; all: number };
  facilities: number;
  organizationsUnderContract: number;
  peopleInCare: number | null;
  /** True when peopleInCare leaves out children's files, which the role does not see (the tile says so). */
  peopleLeaveOutChildren: boolean;
  visitsDueThisWeek: number | null;
  visitsOverdue: number | null;
  /** True for station staff: the visit figures count the whole station's visits, not only theirs (the tile says so). */
  visitsWholeStation: boolean;
  regions: { counties: number; townships: number; villages: number };
};

export async function headlineFigures(user: SessionUser, now: Date = new Date()): Promise<HeadlineFigures> {
  const week = dueThisWeek(now);
  const overdue = overdueVisit({ now });
  // A figure shows only to roles that may open its list.
  const seesPeople = roleHas(user.role, "read:person");
  const seesVisits = roleHas(user.role, "read:visit");
  const [stationRows, facilityCount, orgCount, peopleCount, visitCounts, regionRows] = await Promise.all([
    db
      .select({ status: facilities.status, n: count() })
      .from(facilities)
      .where(and(eq(facilities.kind, "social_work_station"), facilitiesInScope(user)))
      .groupBy(facilities.status),
    db.select({ n: count() }).from(facilities).where(facilitiesInScope(user)),
    db
      .select({ n: count() })
      .from(organizations)
      .where(and(organizationsInScope(user), underActiveContract(user))),
    seesPeople
      ? db
          .select({ n: count() })
          .from(people)
          .where(and(eq(people.status, "active"), peopleInScope(user)))
      : Promise.resolve(null),
    seesVisits
      ? db
          .select({
            dueThisWeek:
              sql<number>`count(*) filter (where ${visits.dueOn} >= ${week.from} and ${visits.dueOn} <= ${week.to} and not ${overdue})`.mapWith(
                Number,
              ),
            overdue: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
          })
          .from(visits)
          .innerJoin(people, eq(people.id, visits.personId))
          // The visit list's scope: visits at the user's stations, of people whose files the user may open.
          .where(and(eq(visits.status, "scheduled"), visitsInScope(user), peopleInScope(user)))
      : Promise.resolve(null),
    db
      .select({ level: regions.level, n: count() })
      .from(regions)
      .where(and(inArray(regions.level, ["county", "township", "village"]), regionsInScope(user)))
      .groupBy(regions.level),
  ]);
  const byStatus = Object.fromEntries(stationRows.map((r) => [r.status, r.n]));
  const byLevel = Object.fromEntries(regionRows.map((r) => [r.level, r.n]));
  return {
    stations: {
      operating: byStatus.operating ?? 0,
      underConstruction: byStatus.under_construction ?? 0,
      planned: byStatus.planned ?? 0,
      all: stationRows.reduce((sum, r) => sum + r.n, 0),
    },
    facilities: facilityCount[0]?.n ?? 0,
    organizationsUnderContract: orgCount[0]?.n ?? 0,
    peopleInCare: peopleCount ? (peopleCount[0]?.n ?? 0) : null,
    peopleLeaveOutChildren: !seesChildFiles(user),
    visitsDueThisWeek: visitCounts ? (visitCounts[0]?.dueThisWeek ?? 0) : null,
    visitsOverdue: visitCounts ? (visitCounts[0]?.overdue ?? 0) : null,
    visitsWholeStation: user.scope.kind === "station",
    regions: {
      counties: byLevel.county ?? 0,
      townships: byLevel.township ?? 0,
      villages: byLevel.village ?? 0,
    },
  };
}
