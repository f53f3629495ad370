// A person's two versions name the village and the station by id; the conflict view shows what they are called.
import { eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, regions } from "#db/schema";
import { villageLabel } from "~/modules/regions/village-search.server";
import { db } from "~/utils/db.server";

/** By field, the name of each id the versions carry ("74" → "村名 · 乡镇名"). */
export type PlaceNames = Record<"villageId" | "stationId", Record<string, string>>;

const township = alias(regions, "township");

function idsIn(versions: Record<string, unknown>[], field: keyof PlaceNames): number[] {
  const ids = versions.map((v) => Number(v[field])).filter((id) => Number.isSafeInteger(id) && id > 0);
  return [...new Set(ids)];
}

export async function personPlaceNames(versions: Record<string, unknown>[]): Promise<PlaceNames> {
  const villageIds = idsIn(versions, "villageId");
  const stationIds = idsIn(versions, "stationId");
  const [villages, stations] = await Promise.all([
    villageIds.length === 0
      ? []
      : db
          .select({ id: regions.id, name: regions.name, townshipName: township.name })
          .from(regions)
          .leftJoin(township, eq(township.id, regions.parentId))
          .where(inArray(regions.id, villageIds)),
    stationIds.length === 0
      ? []
      : db
          .select({ id: facilities.id, name: facilities.name })
          .from(facilities)
          .where(inArray(facilities.id, stationIds)),
  ]);
  return {
    villageId: Object.fromEntries(villages.map((v) => [v.id, villageLabel(v.name, v.townshipName)])),
    stationId: Object.fromEntries(stations.map((s) => [s.id, s.name])),
  };
}
