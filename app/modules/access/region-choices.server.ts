// Which regions a user may file things under (organizations, care projects, funding sources), and who manages what.
// Planners manage what is registered in their region and below; admins manage everything; other roles manage nothing.
import { and, asc, eq, inArray, like, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type RegionLevel, regions } from "#db/schema";
import { regionIdsUnder } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { patternOfPrefix } from "~/modules/regions/codes";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";

export type RegionChoice = { id: number; code: string; name: string; level: RegionLevel };

/** A condition on a region-id column: true for rows the user manages. */
export function managedRegion(user: SessionUser, regionIdColumn: AnyPgColumn | SQL): SQL {
  if (user.role === "admin") return sql`true`;
  if (user.role === "planner" && user.scope.kind === "region")
    return sql`${regionIdColumn} in ${regionIdsUnder(user.scope.codePrefix)}`;
  return sql`false`;
}

/** Prefectures and counties (by default) the user manages, in code order. */
export async function regionChoices(
  user: SessionUser,
  levels: RegionLevel[] = ["prefecture", "county"],
): Promise<RegionChoice[]> {
  if (user.role !== "admin" && !(user.role === "planner" && user.scope.kind === "region")) return [];
  const within =
    user.scope.kind === "region" ? like(regions.code, patternOfPrefix(user.scope.codePrefix)) : sql`true`;
  return defaultDb
    .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(inArray(regions.level, levels), within))
    .orderBy(asc(regions.code));
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
