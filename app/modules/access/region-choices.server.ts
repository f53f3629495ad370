// Which regions a user may file things under (organizations, care projects, funding sources), and who manages what.
// Planners manage what is registered in their region and below; admins manage everything; other roles manage nothing.
import { and, asc, eq, inArray, like, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type RegionLevel, regions } from "#db/schema";
import { roleHas } from "~/modules/access/permissions";
import { regionIdsUnder } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { fieldProblem } from "~/modules/kernel/messages";
import { refuse } from "~/modules/kernel/write.server";
import { patternOfPrefix } from "~/modules/regions/codes";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";

export type RegionChoice = { id: number; code: string; name: string; level: RegionLevel };

/** A condition on a region-id column: true for rows the user manages. */
export function managedRegion(user: SessionUser, regionIdColumn: AnyPgColumn | SQL): SQL {
  if (!managesRegions(user)) return sql`false`;
  return user.scope.kind === "region"
    ? sql`${regionIdColumn} in ${regionIdsUnder(user.scope.codePrefix)}`
    : sql`true`;
}

/** Whether the user manages any region's register: their whole scope, if it is everything or a region. */
function managesRegions(user: SessionUser): boolean {
  return (
    roleHas(user.role, "manage:region_register") &&
    (user.scope.kind === "all" || user.scope.kind === "region")
  );
}

/** Prefectures and counties (by default) the user manages, in code order. */
export async function regionChoices(
  user: SessionUser,
  levels: RegionLevel[] = ["prefecture", "county"],
): Promise<RegionChoice[]> {
  if (!managesRegions(user)) return [];
  const within =
    user.scope.kind === "region" ? like(regions.code, patternOfPrefix(user.scope.codePrefix)) : sql`true`;
  return defaultDb
    .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(inArray(regions.level, levels), within))
    .orderBy(asc(regions.code));
}

/** Refuses a write filing something under a region the user does not manage (the region field's problem). */
export async function refuseUnlessManaged(user: SessionUser, regionId: number, db: DbOrTx = defaultDb) {
  if (!(await managedRegionById(user, regionId, db))) refuse(fieldProblem("regionId", "validation.choice"));
}

/** The region, if the user manages it; null otherwise. */
export async function managedRegionById(
  user: SessionUser,
  regionId: number,
  db: DbOrTx = defaultDb,
): Promise<RegionChoice | null> {
  const [row] = await db
    .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(eq(regions.id, regionId), managedRegion(user, regions.id)));
  return row ?? null;
}
