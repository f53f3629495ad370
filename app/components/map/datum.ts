// Stored coordinates are WGS-84; tile providers in China (AMap, Tencent) draw in GCJ-02. Convert only for display.
import gcoord from "gcoord";

export type Datum = "wgs84" | "gcj02";

/** [lng, lat] in the datum the base map uses. */
export function toDisplay(lng: number, lat: number, datum: Datum): [number, number] {
  if (datum === "wgs84") return [lng, lat];
  return gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

/** A GeoJSON geometry's rings in display datum, as Leaflet [lat, lng] positions. */
export function ringsToLatLngs(
  geometry:
    | { type: "Polygon"; coordinates: number[][][] }
    | { type: "MultiPolygon"; coordinates: number[][][][] },
  datum: Datum,
): [number, number][][] | [number, number][][][] {
  const ring = (r: number[][]) =>
    r.map(([x, y]) => {
      const [dx, dy] = toDisplay(x, y, datum);
      return [dy, dx] as [number, number];
    });
  return geometry.type === "Polygon"
    ? geometry.coordinates.map(ring)
    : geometry.coordinates.map((poly) => poly.map(ring));
}

/** A point picked on the base map back to WGS-84 [lng, lat], rounded to ~0.1 m. */
export function fromDisplay(lng: number, lat: number, datum: Datum): [number, number] {
  const [x, y] =
    datum === "wgs84"
      ? [lng, lat]
      : (gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number]);
  return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
}
