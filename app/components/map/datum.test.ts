import { describe, expect, it } from "vitest";
import { greatCircleMetres } from "~/modules/coverage/math";
import { fromDisplay, ringsToLatLngs, toDisplay } from "./datum";

// WGS-84 [lng, lat] of the Potala Palace, Lhasa, and of a point in Beijing whose GCJ-02 offset is well known.
const potala: [number, number] = [91.1172, 29.6578];
const beijing: [number, number] = [116.3912757, 39.906217];

const metresBetween = ([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]) =>
  greatCircleMetres({ lat: lat1, lng: lng1 }, { lat: lat2, lng: lng2 });

describe("display datum", () => {
  it("leaves WGS-84 points alone for a WGS-84 base map (OpenStreetMap)", () => {
    expect(toDisplay(...potala, "wgs84")).toEqual(potala);
    expect(fromDisplay(...potala, "wgs84")).toEqual(potala);
  });

  it("shifts a point in China by a few hundred metres onto a GCJ-02 base map (AMap, Tencent)", () => {
    const shown = toDisplay(...beijing, "gcj02");
    // The GCJ-02 transform of this point (the standard formula, as gcoord implements it).
    expect(shown[0]).toBeCloseTo(116.397517, 5);
    expect(shown[1]).toBeCloseTo(39.907618, 5);
    expect(metresBetween(beijing, shown)).toBeGreaterThan(500);
    expect(metresBetween(beijing, shown)).toBeLessThan(600);
    const lhasa = toDisplay(...potala, "gcj02");
    expect(metresBetween(potala, lhasa)).toBeGreaterThan(300);
    expect(metresBetween(potala, lhasa)).toBeLessThan(400);
  });

  it("brings a point picked on a GCJ-02 map back to the stored WGS-84 point within 0.1 m", () => {
    for (const point of [potala, beijing]) {
      const back = fromDisplay(...toDisplay(...point, "gcj02"), "gcj02");
      expect(metresBetween(point, back)).toBeLessThan(0.1);
    }
  });

  it("does not shift points outside China, where GCJ-02 does not apply", () => {
    const paris: [number, number] = [2.3522, 48.8566];
    const tokyo: [number, number] = [139.6917, 35.6895];
    expect(toDisplay(...paris, "gcj02")).toEqual(paris);
    expect(toDisplay(...tokyo, "gcj02")).toEqual(tokyo);
    expect(fromDisplay(...tokyo, "gcj02")).toEqual(tokyo);
  });

  it("converts boundary rings to Leaflet [lat, lng] positions in the display datum", () => {
    const ring = [potala, [91.2, 29.6], [91.1, 29.7], potala];
    const [converted] = ringsToLatLngs({ type: "Polygon", coordinates: [ring] }, "gcj02") as [
      number,
      number,
    ][][];
    const [lng, lat] = toDisplay(...potala, "gcj02");
    expect(converted[0]).toEqual([lat, lng]);
    expect(converted).toHaveLength(4);
  });
});
