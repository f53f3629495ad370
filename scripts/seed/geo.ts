// Demo geometry: county boundaries converted from GCJ-02 to WGS-84, and deterministic positions inside them.
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import gcoord from "gcoord";
import type { BoundaryGeometry } from "#db/schema/regions";
import { bboxOf } from "~/modules/regions/cells";
import { randomFor } from "./random";

export type LngLat = [number, number];

export function gcj02ToWgs84([lng, lat]: LngLat): LngLat {
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return [round6(x), round6(y)];
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export function convertGeometry(geometry: BoundaryGeometry): BoundaryGeometry {
  if (geometry.type === "Polygon") {
    return {
      type: "Polygon",
      coordinates: geometry.coordinates.map((ring) => ring.map((p) => gcj02ToWgs84(p as LngLat))),
    };
  }
  return {
    type: "MultiPolygon",
    coordinates: geometry.coordinates.map((poly) =>
      poly.map((ring) => ring.map((p) => gcj02ToWgs84(p as LngLat))),
    ),
  };
}

export function contains(geometry: BoundaryGeometry, point: LngLat): boolean {
  return booleanPointInPolygon(point, geometry);
}

/** A point inside the geometry, deterministic for the seed string. */
export function pointInside(geometry: BoundaryGeometry, seed: string): LngLat {
  const rand = randomFor(seed);
  const [minX, minY, maxX, maxY] = bboxOf(geometry);
  for (let i = 0; i < 500; i++) {
    const p: LngLat = [round6(minX + rand() * (maxX - minX)), round6(minY + rand() * (maxY - minY))];
    if (contains(geometry, p)) return p;
  }
  throw new Error(`No point found inside geometry for ${seed}`);
}

/** A point within `maxKm` of `center` and inside the geometry (falls back to near the centre). */
export function pointNear(
  center: LngLat,
  minKm: number,
  maxKm: number,
  geometry: BoundaryGeometry,
  seed: string,
): LngLat {
  const rand = randomFor(seed);
  for (let i = 0; i < 200; i++) {
    const distance = minKm + rand() * (maxKm - minKm);
    const bearing = rand() * 2 * Math.PI;
    const dLat = (distance / 111.32) * Math.cos(bearing);
    const dLng = (distance / (111.32 * Math.cos((center[1] * Math.PI) / 180))) * Math.sin(bearing);
    const p: LngLat = [round6(center[0] + dLng), round6(center[1] + dLat)];
    if (contains(geometry, p)) return p;
  }
  return [round6(center[0] + (rand() - 0.5) * 0.01), round6(center[1] + (rand() - 0.5) * 0.01)];
}
