// Demo regions: Xizang → Nyingchi and Ngari → Bayi District and Ngari's 7 counties → their townships and villages,
// with official codes and names from the statistics bureau (Tibetan and pinyin names down to the counties) and
// derived, approximate positions.
import fs from "node:fs";
import Papa from "papaparse";
import type { Db } from "#db/client";
import { regions } from "#db/schema";
import type { BoundaryGeometry, RegionLevel } from "#db/schema/regions";
import { ancestorCode, countyDigits, padCode } from "~/modules/regions/codes";
import { contains, convertGeometry, gcj02ToWgs84, type LngLat, pointInside, pointNear } from "./geo";
import { placeNames } from "./place-names";

const dataFile = (name: string) => new URL(`./data/${name}`, import.meta.url);

type TownshipRow = { code: string; name: string; kind: string; county_code: string };
type VillageRow = { code: string; name: string; township_code: string };
type CountyCenterRow = {
  adcode: string;
  name: string;
  center_lng_gcj02: string;
  center_lat_gcj02: string;
  in_scope: string;
};

function readCsv<T>(name: string): T[] {
  const text = fs.readFileSync(dataFile(name), "utf8");
  return Papa.parse<T>(text, { header: true, skipEmptyLines: true }).data;
}

type Feature = { properties: { adcode: number; name: string }; geometry: BoundaryGeometry };
function readFeatures(name: string): Feature[] {
  return JSON.parse(fs.readFileSync(dataFile(name), "utf8")).features;
}

export type SeedRegion = {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  name: string;
  kind: string | null;
  point: LngLat | null;
  boundary: BoundaryGeometry | null;
  /** Set by ./population.ts. */
  population?: number;
  populationDerived?: boolean;
};

/** County seat towns (the …100000 town of each Ngari county, and Bayi's urban core) sit next to the county seat. */
const seatTownships = new Set([
  "540402001000",
  "540402002000",
  "540402102000",
  "542521100000",
  "542522100000",
  "542523100000",
  "542524100000",
  "542525100000",
  "542526100000",
  "542527100000",
]);

export function buildDemoRegions(): SeedRegion[] {
  const townships = readCsv<TownshipRow>("townships-bayi-ngari.csv");
  const villages = readCsv<VillageRow>("villages-bayi-ngari.csv");
  const centers = readCsv<CountyCenterRow>("county-centers-nyingchi-ngari.gcj02.csv");
  const countyFeatures = new Map(
    readFeatures("counties-nyingchi-ngari.gcj02.geojson").map((f) => [String(f.properties.adcode), f]),
  );
  const prefectureFeatures = new Map(
    readFeatures("prefectures-xizang.gcj02.geojson").map((f) => [String(f.properties.adcode), f]),
  );

  const out: SeedRegion[] = [
    {
      code: "540000000000",
      level: "province",
      parentCode: null,
      name: "西藏自治区",
      kind: "自治区",
      point: null,
      boundary: null,
    },
  ];
  for (const [code6, name] of [
    ["540400", "林芝市"],
    ["542500", "阿里地区"],
  ] as const) {
    const feature = prefectureFeatures.get(code6);
    out.push({
      code: padCode(code6),
      level: "prefecture",
      parentCode: "540000000000",
      name,
      kind: code6 === "540400" ? "地级市" : "地区",
      point: null,
      boundary: feature ? convertGeometry(feature.geometry) : null,
    });
  }

  const countyGeometry = new Map<string, BoundaryGeometry>();
  const countySeat = new Map<string, LngLat>();
  for (const c of centers.filter((row) => row.in_scope === "yes")) {
    const feature = countyFeatures.get(c.adcode);
    if (!feature) throw new Error(`No boundary for county ${c.adcode}`);
    const boundary = convertGeometry(feature.geometry);
    const seat = gcj02ToWgs84([Number(c.center_lng_gcj02), Number(c.center_lat_gcj02)]);
    countyGeometry.set(c.adcode, boundary);
    countySeat.set(c.adcode, contains(boundary, seat) ? seat : pointInside(boundary, c.adcode));
    out.push({
      code: padCode(c.adcode),
      level: "county",
      parentCode: ancestorCode(padCode(c.adcode), "prefecture"),
      name: c.name,
      kind: c.name.endsWith("区") ? "市辖区" : "县",
      point: countySeat.get(c.adcode)!,
      boundary,
    });
  }

  const townshipPoint = new Map<string, LngLat>();
  for (const t of townships) {
    const boundary = countyGeometry.get(t.county_code);
    if (!boundary) throw new Error(`Township ${t.code} in unknown county ${t.county_code}`);
    const seat = countySeat.get(t.county_code)!;
    const point = seatTownships.has(t.code)
      ? pointNear(seat, 0.3, 3, boundary, t.code)
      : pointInside(boundary, t.code);
    townshipPoint.set(t.code, point);
    out.push({
      code: t.code,
      level: "township",
      parentCode: padCode(t.county_code),
      name: t.name,
      kind: t.kind,
      point,
      boundary: null,
    });
  }

  for (const v of villages) {
    const county = countyDigits(v.township_code);
    const boundary = countyGeometry.get(county)!;
    const center = townshipPoint.get(v.township_code);
    if (!center) throw new Error(`Village ${v.code} in unknown township ${v.township_code}`);
    const urban = v.name.endsWith("居委会");
    const [minKm, maxKm] = urban ? [0.3, 2.5] : county === "540402" ? [1, 9] : [2, 22];
    out.push({
      code: v.code,
      level: "village",
      parentCode: v.township_code,
      name: v.name,
      kind: urban ? "社区居委会" : "村",
      point: pointNear(center, minKm, maxKm, boundary, v.code),
      boundary: null,
    });
  }
  return out;
}

/** Inserts or updates regions by code, parents first; returns code → id. */
export async function upsertRegions(db: Db, rows: SeedRegion[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const order: RegionLevel[] = ["province", "prefecture", "county", "township", "village"];
  for (const level of order) {
    const batch = rows.filter((r) => r.level === level);
    for (let i = 0; i < batch.length; i += 500) {
      const chunk = batch.slice(i, i + 500);
      const inserted = await db
        .insert(regions)
        .values(
          chunk.map((r) => ({
            code: r.code,
            level: r.level,
            parentId: r.parentCode ? ids.get(r.parentCode)! : null,
            name: r.name,
            nameBo: placeNames[r.code]?.bo ?? null,
            namePinyin: placeNames[r.code]?.pinyin ?? null,
            kind: r.kind,
            lng: r.point?.[0] ?? null,
            lat: r.point?.[1] ?? null,
            coordQuality: r.point ? ("approximate" as const) : ("unknown" as const),
            boundary: r.boundary,
            population: r.population ?? null,
            populationDerived: r.populationDerived ?? false,
          })),
        )
        .onConflictDoNothing({ target: regions.code })
        .returning({ id: regions.id, code: regions.code });
      for (const row of inserted) ids.set(row.code, row.id);
    }
    const existing = await db.select({ id: regions.id, code: regions.code }).from(regions);
    for (const row of existing) ids.set(row.code, row.id);
  }
  return ids;
}
