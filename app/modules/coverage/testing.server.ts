// Test set-up for coverage reads: a region by its code, checked as the system would (tests choose it, no user does).
import { eq } from "drizzle-orm";
import { regions } from "#db/schema";
import { type CheckedRegion, regionCheckedBySystem } from "~/modules/access/region.server";
import { db } from "~/utils/db.server";

export async function checkedRegionByCode(code: string): Promise<CheckedRegion> {
  const [r] = await db
    .select({
      id: regions.id,
      code: regions.code,
      name: regions.name,
      nameBo: regions.nameBo,
      level: regions.level,
    })
    .from(regions)
    .where(eq(regions.code, code));
  return regionCheckedBySystem(r);
}
