// Approximate township areas where no township boundary is known: the Voronoi cell of each township seat,
// clipped to its county's boundary. They show roughly which land is nearer to which seat, not the legal border.
import intersect from "@turf/intersect";
import { Delaunay } from "d3-delaunay";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import type { BoundaryGeometry } from "#db/schema/regions";

export type SeatPoint = { code: string; lng: number; lat: number };

/** The smallest [west, south, east, north] box around a boundary. */
export function bboxOf(geometry: BoundaryGeometry): [number, number, number, number] {
  let minX = 180;
  let minY = 90;
  let maxX = -180;
  let maxY = -90;
  const rings = geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}

/** code → approximate cell (WGS-84); seats sharing a position share nothing (the later one gets no cell). */
export function approximateTownshipCells(
  county: BoundaryGeometry,
  seats: SeatPoint[],
): Map<string, BoundaryGeometry> {
  const cells = new Map<string, BoundaryGeometry>();
  if (seats.length === 0) return cells;
  const countyFeature: Feature<Polygon | MultiPolygon> = {
    type: "Feature",
    properties: {},
    geometry: county,
  };
  if (seats.length === 1) {
    cells.set(seats[0].code, county);
    return cells;
  }
  const [minX, minY, maxX, maxY] = bboxOf(county);
  const pad = 0.01;
  const delaunay = Delaunay.from(
    seats,
    (s) => s.lng,
    (s) => s.lat,
  );
  const voronoi = delaunay.voronoi([minX - pad, minY - pad, maxX + pad, maxY + pad]);
  seats.forEach((seat, i) => {
    const polygon = voronoi.cellPolygon(i);
    if (!polygon) return;
    const cell: Feature<Polygon> = {
      type: "Feature",
      properties: {},
      geometry: { type: "Polygon", coordinates: [polygon.map(([x, y]) => [x, y])] },
    };
    const clipped = intersect({ type: "FeatureCollection", features: [cell, countyFeature] });
    if (clipped) cells.set(seat.code, clipped.geometry as BoundaryGeometry);
  });
  return cells;
}

/** Rounds coordinates to ~1 m and drops repeated vertices, so cells cost little to send. */
export function compactGeometry(geometry: BoundaryGeometry, digits = 5): BoundaryGeometry {
  const f = 10 ** digits;
  const ring = (r: number[][]) => {
    const out: number[][] = [];
    for (const [x, y] of r) {
      const p = [Math.round(x * f) / f, Math.round(y * f) / f];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  };
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: geometry.coordinates.map(ring) }
    : { type: "MultiPolygon", coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}
