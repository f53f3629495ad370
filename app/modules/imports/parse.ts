// Parsing and row-by-row checks of region imports that need no database: the regions/villages CSV
// (code,name,parent_code,lat,lng,population) and boundary GeoJSON. Problems carry the file's line (or feature) number.
import gcoord from "gcoord";
import Papa from "papaparse";
import type { BoundaryGeometry, RegionLevel } from "#db/schema/regions";
import { codePrefix, levelOfCode } from "~/utils/regions";

export type Datum = "wgs84" | "gcj02";

export type ImportProblem = {
  /** 1-based line in the CSV (the header is line 1), or 1-based feature number in GeoJSON. */
  line: number;
  code?: string;
  /** i18n key in the imports namespace, e.g. "problems.unknownParent". */
  error: string;
  params?: Record<string, string | number>;
};

export type RegionImportRow = {
  line: number;
  code: string;
  level: RegionLevel;
  name: string;
  parentCode: string | null;
  lat: number | null;
  lng: number | null;
  population: number | null;
};

export const CSV_COLUMNS = ["code", "name", "parent_code", "lat", "lng", "population"] as const;
const levelRank: Record<RegionLevel, number> = {
  province: 0,
  prefecture: 1,
  county: 2,
  township: 3,
  village: 4,
};
const CHINA = { minLng: 73.4, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 };

function round6(v: number) {
  return Math.round(v * 1e6) / 1e6;
}

export function toWgs84(lng: number, lat: number, datum: Datum): [number, number] {
  if (datum === "wgs84") return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return [round6(x), round6(y)];
}

/** Parses and checks every row; rows with a problem are left out of `rows`. */
export function parseRegionCsv(
  text: string,
  datum: Datum = "wgs84",
): { rows: RegionImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const rows: RegionImportRow[] = [];
  // why: no skipEmptyLines, so the record index maps to the file's line (records never span lines here).
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false });
  const [header, ...records] = parsed.data;
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !columns.includes(c));
  if (!header || missing.length) {
    problems.push({
      line: 1,
      error: "problems.missingColumns",
      params: { columns: missing.join(", ") || CSV_COLUMNS.join(", ") },
    });
    return { rows, problems };
  }
  const at = (record: string[], column: (typeof CSV_COLUMNS)[number]) =>
    (record[columns.indexOf(column)] ?? "").trim();
  const firstLine = new Map<string, number>();
  for (const [i, record] of records.entries()) {
    const line = i + 2;
    if (record.length === 1 && record[0].trim() === "") continue;
    const code = at(record, "code");
    const report = (error: string, params?: ImportProblem["params"]): void => {
      problems.push({ line, code, error, params });
    };
    if (!/^\d{12}$/.test(code)) {
      report("problems.badCode");
      continue;
    }
    if (firstLine.has(code)) {
      report("problems.duplicateCode", { first: firstLine.get(code)! });
      continue;
    }
    firstLine.set(code, line);
    const level = levelOfCode(code);
    const name = at(record, "name");
    if (!name) {
      report("problems.missingName");
      continue;
    }
    if (name.length > 100) {
      report("problems.nameTooLong");
      continue;
    }
    const parentCode = at(record, "parent_code") || null;
    if (!parentCode && level !== "province" && level !== "prefecture") {
      report("problems.missingParent");
      continue;
    }
    if (parentCode) {
      if (!/^\d{12}$/.test(parentCode)) {
        report("problems.badParentCode");
        continue;
      }
      const parentLevel = levelOfCode(parentCode);
      if (
        levelRank[parentLevel] >= levelRank[level] ||
        !code.startsWith(codePrefix(parentCode, parentLevel))
      ) {
        report("problems.parentMismatch", { parent: parentCode });
        continue;
      }
    }
    const latText = at(record, "lat");
    const lngText = at(record, "lng");
    let lat: number | null = null;
    let lng: number | null = null;
    if (latText || lngText) {
      const y = Number(latText);
      const x = Number(lngText);
      if (!latText || !lngText || !Number.isFinite(x) || !Number.isFinite(y)) {
        report("problems.badCoordinate");
        continue;
      }
      if (x < CHINA.minLng || x > CHINA.maxLng || y < CHINA.minLat || y > CHINA.maxLat) {
        report("problems.coordinateOutsideChina");
        continue;
      }
      [lng, lat] = toWgs84(x, y, datum);
    }
    const populationText = at(record, "population");
    let population: number | null = null;
    if (populationText) {
      const p = Number(populationText);
      if (!Number.isInteger(p) || p < 0 || p > 2_000_000_000) {
        report("problems.badPopulation");
        continue;
      }
      population = p;
    }
    rows.push({ line, code, level, name, parentCode, lat, lng, population });
  }
  if (records.length === 0 || rows.length + problems.length === 0)
    problems.push({ line: 1, error: "problems.empty" });
  return { rows, problems };
}

export type BoundaryImportRow = { line: number; code: string; geometry: BoundaryGeometry };

function validRing(ring: unknown): boolean {
  return (
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring.every(
      (p) =>
        Array.isArray(p) &&
        p.length >= 2 &&
        Number.isFinite(p[0]) &&
        Number.isFinite(p[1]) &&
        Math.abs(p[0]) <= 180 &&
        Math.abs(p[1]) <= 90,
    )
  );
}

function convertRing(ring: number[][], datum: Datum): number[][] {
  return ring.map(([x, y]) => toWgs84(x, y, datum));
}

/** Boundary features matched to regions by a code property (default `code`, also `adcode` with 6 digits padded). */
export function parseBoundaryGeoJson(
  text: string,
  { datum = "wgs84", codeProperty = "code" }: { datum?: Datum; codeProperty?: string } = {},
): { rows: BoundaryImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const rows: BoundaryImportRow[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { rows, problems: [{ line: 0, error: "problems.notJson" }] };
  }
  const features = (doc as { type?: string; features?: unknown[] })?.features;
  if ((doc as { type?: string })?.type !== "FeatureCollection" || !Array.isArray(features))
    return { rows, problems: [{ line: 0, error: "problems.notFeatureCollection" }] };
  const first = new Map<string, number>();
  for (const [i, f] of features.entries()) {
    const line = i + 1;
    const feature = f as {
      properties?: Record<string, unknown>;
      geometry?: { type?: string; coordinates?: unknown };
    };
    const raw = feature?.properties?.[codeProperty] ?? feature?.properties?.adcode;
    let code = raw == null ? "" : String(raw).trim();
    if (/^\d{6}$/.test(code) || /^\d{9}$/.test(code) || /^\d{4}$/.test(code)) code = code.padEnd(12, "0");
    const report = (error: string, params?: ImportProblem["params"]): void => {
      problems.push({ line, code: code || undefined, error, params });
    };
    if (!/^\d{12}$/.test(code)) {
      report("problems.featureWithoutCode", { property: codeProperty });
      continue;
    }
    if (first.has(code)) {
      report("problems.duplicateCode", { first: first.get(code)! });
      continue;
    }
    first.set(code, line);
    const g = feature.geometry;
    if (!g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
      report("problems.notPolygon", { type: g?.type ?? "null" });
      continue;
    }
    const polygons = (g.type === "Polygon" ? [g.coordinates] : g.coordinates) as unknown[];
    if (
      !Array.isArray(polygons) ||
      polygons.length === 0 ||
      !polygons.every((p) => Array.isArray(p) && p.length > 0 && p.every(validRing))
    ) {
      report("problems.badGeometry");
      continue;
    }
    const geometry: BoundaryGeometry =
      g.type === "Polygon"
        ? { type: "Polygon", coordinates: (g.coordinates as number[][][]).map((r) => convertRing(r, datum)) }
        : {
            type: "MultiPolygon",
            coordinates: (g.coordinates as number[][][][]).map((p) => p.map((r) => convertRing(r, datum))),
          };
    rows.push({ line, code, geometry });
  }
  if (features.length === 0) problems.push({ line: 0, error: "problems.empty" });
  return { rows, problems };
}
