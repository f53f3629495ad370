// Where a facility may be placed: inside China's extent, inside its township's county boundary when one is known,
// and in a township within the editor's scope. A misplaced facility is refused with the field it belongs to.
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { regions } from "#db/schema";
import type { BoundaryGeometry } from "#db/schema/regions";
import { regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { fieldProblem } from "~/modules/kernel/messages";
import { refuse } from "~/modules/kernel/write.server";
import type { DbOrTx } from "~/utils/db.server";

/** China's extent, generously: mainland, Hainan and the South China Sea islands. */
const CHINA_EXTENT = { minLng: 73.4, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 };

function insideChina(lng: number, lat: number): boolean {
  return (
    lng >= CHINA_EXTENT.minLng &&
    lng <= CHINA_EXTENT.maxLng &&
    lat >= CHINA_EXTENT.minLat &&
    lat <= CHINA_EXTENT.maxLat
  );
}

const county = alias(regions, "c");

/** The boundary of the county above the township row, as a scalar subquery. */
const countyBoundary = sql`(select ${county.boundary} from ${regions} ${county} where ${county.id} = ${regions.parentId})`;

export type TownshipInScope = {
  id: number;
  code: string;
  name: string;
  countyBoundary: BoundaryGeometry | null;
};

/** The township by code when it is a township in the user's scope, with its county's boundary. */
export async function townshipForEditor(
  db: DbOrTx,
  user: SessionUser,
  code: string,
): Promise<TownshipInScope | null> {
  const [row] = await db
    .select({
      id: regions.id,
      code: regions.code,
      name: regions.name,
      // why: nested, so its columns keep their table: a select from one table writes the columns directly in a
      // field's SQL without it, and the subquery would compare the county with itself.
      countyBoundary: sql<BoundaryGeometry | null>`${countyBoundary}`,
    })
    .from(regions)
    .where(and(eq(regions.code, code), eq(regions.level, "township"), regionsInScope(user)));
  return row ?? null;
}

/** Refuses a township outside the editor's scope, and a point outside China or outside the township's county. */
export function assertPlacement(
  township: TownshipInScope | null,
  point: { lat: number; lng: number } | null,
): asserts township is TownshipInScope {
  if (!township) refuse(fieldProblem("townshipCode", "facilities:errors.townshipOutOfScope"));
  if (!point) return;
  if (!insideChina(point.lng, point.lat)) refuse(fieldProblem("lat", "facilities:errors.outsideChina"));
  if (township.countyBoundary && !booleanPointInPolygon([point.lng, point.lat], township.countyBoundary))
    refuse(fieldProblem("lat", "facilities:errors.outsideCounty"));
}
