// Which region a coverage request is about: the one asked for if the user may see it, else the user's own region.
import { and, asc, eq, inArray } from "drizzle-orm";
import { regions } from "#db/schema";
import { regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { db } from "~/utils/db.server";
import type { CoverageRegion } from "./queries.server";

const coverageLevels = ["province", "prefecture", "county"] as const;

/** null when the code names no province, prefecture or county in the user's scope. */
export async function resolveCoverageRegion(
  user: SessionUser,
  code: string | null,
): Promise<CoverageRegion | null> {
  const select = db
    .select({
      id: regions.id,
      code: regions.code,
      name: regions.name,
      nameBo: regions.nameBo,
      level: regions.level,
    })
    .from(regions);
  if (code) {
    if (!/^\d{12}$/.test(code)) return null;
    const [row] = await select.where(
      and(eq(regions.code, code), inArray(regions.level, [...coverageLevels]), regionsInScope(user)),
    );
    return row ?? null;
  }
  if (user.scope.kind === "region") {
    const [row] = await select.where(eq(regions.id, user.scope.regionId));
    if (row && (coverageLevels as readonly string[]).includes(row.level)) return row;
  }
  const [first] = await select
    .where(and(inArray(regions.level, [...coverageLevels]), regionsInScope(user)))
    .orderBy(asc(regions.code))
    .limit(1);
  return first ?? null;
}
