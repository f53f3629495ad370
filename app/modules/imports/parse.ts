// Parsing and row-by-row checks of region imports that need no database: the regions/villages CSV
// (code,name,parent_code,lat,lng,population, optionally name_bo,name_pinyin) and boundary GeoJSON. Problems carry the
// file's line (or feature) number.
import gcoord from "gcoord";
import Papa from "papaparse";
import type { BoundaryGeometry, RegionLevel } from "#db/schema/regions";
import { greatCircleMetres } from "~/modules/coverage/math";
import {
  isRegionCode,
  isUnder,
  levelOfCode,
  normaliseRegionCode,
  regionCodeOrUndefined,
} from "~/modules/regions/codes";
import { raggedRow, unsupportedDelimiter } from "~/utils/csv-input";

export type Datum = "wgs84" | "gcj02";

export type ImportProblem = {
  /** 1-based line in the CSV (the header is line 1), or 1-based feature number in GeoJSON. */
  line: number;
  code?: string;
  /** i18n key in the imports namespace, e.g. "problems.unknownParent". */
  error: string;
  params?: Record<string, string | number>;
};

/** A coordinate as the file gave it and as it will be stored (WGS-84), so the person can check the datum. */
export type CoordinateSample = {
  line: number;
  code: string;
  input: [number, number];
  stored: [number, number];
  /** Distance between the two in metres (0 for WGS-84 input; 100–700 m for GCJ-02 in China). */
  shiftMeters: number;
};

/** How many rows or features the preview shows with their coordinates. */
const SAMPLE_COUNT = 5;

export type RegionImportRow = {
  line: number;
  code: string;
  level: RegionLevel;
  name: string;
  parentCode: string | null;
  lat: number | null;
  lng: number | null;
  population: number | null;
  /** The Tibetan name; null when the file has no name_bo column or the cell is empty (a known name is kept). */
  nameBo: string | null;
  /** Hanyu Pinyin of the name, e.g. "Gá'ěr Xiàn"; null like nameBo. */
  namePinyin: string | null;
};

/** The largest region file (CSV or GeoJSON) an upload may send; larger bodies are cut off while they stream. */
export const REGION_IMPORT_MAX_BYTES = 30 * 1024 * 1024;

const CSV_COLUMNS = ["code", "name", "parent_code", "lat", "lng", "population"] as const;
/** Columns a file may add: the place's name in Tibetan and in pinyin, shown in the Tibetan interface. */
const OPTIONAL_COLUMNS = ["name_bo", "name_pinyin"] as const;
const MAX_NAME_LENGTH = 100;
const tibetanLetter = /[\u0F40-\u0FBC]/u;
// why: GB/T 16159 place names — Latin letters with tone marks (ü, ê too), spaces, apostrophes (Xi'an) and hyphens.
const pinyinText = /^(?:\p{Script=Latin}|\p{Mn}|['’ -])+$/u;
const levelRank: Record<RegionLevel, number> = {
  province: 0,
  prefecture: 1,
  county: 2,
  township: 3,
  village: 4,
};
const CHINA = { minLng: 73.4, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 };

function insideChina(lng: number, lat: number): boolean {
  return lng >= CHINA.minLng && lng <= CHINA.maxLng && lat >= CHINA.minLat && lat <= CHINA.maxLat;
}

function sample(
  line: number,
  code: string,
  input: [number, number],
  stored: [number, number],
): CoordinateSample {
  const shiftMeters = Math.round(
    greatCircleMetres({ lng: input[0], lat: input[1] }, { lng: stored[0], lat: stored[1] }),
  );
  return { line, code, input, stored, shiftMeters };
}

function round6(v: number) {
  return Math.round(v * 1e6) / 1e6;
}

function toWgs84(lng: number, lat: number, datum: Datum): [number, number] {
  if (datum === "wgs84") return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return [round6(x), round6(y)];
}

/** Parses and checks every row; rows with a problem are left out of `rows`. */
export function parseRegionCsv(
  text: string,
  datum: Datum = "wgs84",
): { rows: RegionImportRow[]; problems: ImportProblem[]; samples: CoordinateSample[] } {
  const problems: ImportProblem[] = [];
  const rows: RegionImportRow[] = [];
  const samples: CoordinateSample[] = [];
  // why: no skipEmptyLines, so the record index maps to the file's line (records never span lines here).
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false });
  const [header, ...records] = parsed.data;
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !columns.includes(c));
  const delimiter = header ? unsupportedDelimiter(header) : null;
  if (delimiter) {
    problems.push({ line: 1, error: "problems.delimiter", params: { delimiter } });
    return { rows, problems, samples };
  }
  if (!header || missing.length) {
    problems.push({
      line: 1,
      error: "problems.missingColumns",
      params: { columns: missing.join(", ") || CSV_COLUMNS.join(", ") },
    });
    return { rows, problems, samples };
  }
  const at = (record: string[], column: (typeof CSV_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number]) =>
    columns.includes(column) ? (record[columns.indexOf(column)] ?? "").trim() : "";
  const firstLine = new Map<string, number>();
  for (const [i, record] of records.entries()) {
    const line = i + 2;
    if (record.length === 1 && record[0].trim() === "") continue;
    let code = at(record, "code");
    const report = (error: string, params?: ImportProblem["params"]): void => {
      problems.push({ line, code, error, params });
    };
    if (raggedRow(record, header.length)) {
      report("problems.fieldCount", { expected: header.length, found: record.length });
      continue;
    }
    // Codes as people write them: 6 digits for a county, 9 for a township, 12 for any region.
    const normalised = normaliseRegionCode(code);
    if (!normalised.ok) {
      report(normalised.problem === "ambiguous" ? "problems.ambiguousCode" : "problems.badCode", {
        digits: code.length,
      });
      continue;
    }
    code = normalised.code;
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
    if (name.length > MAX_NAME_LENGTH) {
      report("problems.nameTooLong");
      continue;
    }
    const nameBo = at(record, "name_bo").normalize("NFC") || null;
    if (nameBo && nameBo.length > MAX_NAME_LENGTH) {
      report("problems.nameTooLong");
      continue;
    }
    if (nameBo && !tibetanLetter.test(nameBo)) {
      report("problems.nameBoNotTibetan");
      continue;
    }
    const namePinyin = at(record, "name_pinyin").normalize("NFC") || null;
    if (namePinyin && (namePinyin.length > MAX_NAME_LENGTH || !pinyinText.test(namePinyin))) {
      report(namePinyin.length > MAX_NAME_LENGTH ? "problems.nameTooLong" : "problems.badPinyin");
      continue;
    }
    const parentText = at(record, "parent_code");
    const parent = parentText ? normaliseRegionCode(parentText) : null;
    const parentCode = parent?.ok ? parent.code : parentText || null;
    if (!parentCode && level !== "province" && level !== "prefecture") {
      report("problems.missingParent");
      continue;
    }
    if (parentCode) {
      if (parent && !parent.ok) {
        report(parent.problem === "ambiguous" ? "problems.ambiguousParentCode" : "problems.badParentCode", {
          digits: parentText.length,
        });
        continue;
      }
      const parentLevel = levelOfCode(parentCode);
      if (levelRank[parentLevel] >= levelRank[level] || !isUnder(code, parentCode)) {
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
      if (!insideChina(x, y)) {
        // why: lat and lng in the wrong columns is the commonest mistake; say so rather than "outside China".
        report(insideChina(y, x) ? "problems.coordinatesSwapped" : "problems.coordinateOutsideChina");
        continue;
      }
      [lng, lat] = toWgs84(x, y, datum);
      if (samples.length < SAMPLE_COUNT) samples.push(sample(line, code, [x, y], [lng, lat]));
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
    rows.push({ line, code, level, name, parentCode, lat, lng, population, nameBo, namePinyin });
  }
  if (records.length === 0 || rows.length + problems.length === 0)
    problems.push({ line: 1, error: "problems.empty" });
  return { rows, problems, samples };
}

export type BoundaryImportRow = { line: number; code: string; geometry: BoundaryGeometry };

/** A closed-enough ring of at least 4 numeric positions within ±180/±90 (±90/±180 when checking for swapped axes). */
function validRing(ring: unknown, swapped = false): boolean {
  const [maxX, maxY] = swapped ? [90, 180] : [180, 90];
  return (
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring.every(
      (p) =>
        Array.isArray(p) &&
        p.length >= 2 &&
        Number.isFinite(p[0]) &&
        Number.isFinite(p[1]) &&
        Math.abs(p[0]) <= maxX &&
        Math.abs(p[1]) <= maxY,
    )
  );
}

/** Whether every position of every ring passes the test (polygons already checked by validRing). */
function allPoints(polygons: unknown[], test: (x: number, y: number) => boolean): boolean {
  return (polygons as number[][][][]).every((polygon) =>
    polygon.every((ring) => ring.every(([x, y]) => test(x, y))),
  );
}

function convertRing(ring: number[][], datum: Datum): number[][] {
  return ring.map(([x, y]) => toWgs84(x, y, datum));
}

/** Boundary features matched to regions by a code property (default `code`, also `adcode` with 6 digits padded). */
export function parseBoundaryGeoJson(
  text: string,
  { datum = "wgs84", codeProperty = "code" }: { datum?: Datum; codeProperty?: string } = {},
): { rows: BoundaryImportRow[]; problems: ImportProblem[]; samples: CoordinateSample[] } {
  const problems: ImportProblem[] = [];
  const rows: BoundaryImportRow[] = [];
  const samples: CoordinateSample[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { rows, problems: [{ line: 0, error: "problems.notJson" }], samples };
  }
  const features = (doc as { type?: string; features?: unknown[] })?.features;
  if ((doc as { type?: string })?.type !== "FeatureCollection" || !Array.isArray(features))
    return { rows, problems: [{ line: 0, error: "problems.notFeatureCollection" }], samples };
  const first = new Map<string, number>();
  for (const [i, f] of features.entries()) {
    const line = i + 1;
    const feature = f as {
      properties?: Record<string, unknown>;
      geometry?: { type?: string; coordinates?: unknown };
    };
    const raw = feature?.properties?.[codeProperty] ?? feature?.properties?.adcode;
    const written = raw == null ? "" : String(raw).trim();
    const code = regionCodeOrUndefined(written) ?? written;
    const report = (error: string, params?: ImportProblem["params"]): void => {
      problems.push({ line, code: code || undefined, error, params });
    };
    if (!isRegionCode(code)) {
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
    const swappedRings =
      Array.isArray(polygons) &&
      polygons.length > 0 &&
      polygons.every((p) => Array.isArray(p) && p.length > 0 && p.every((r) => validRing(r, true)));
    if (
      !Array.isArray(polygons) ||
      polygons.length === 0 ||
      !polygons.every((p) => Array.isArray(p) && p.length > 0 && p.every((r) => validRing(r)))
    ) {
      report(
        swappedRings && allPoints(polygons, (x, y) => insideChina(y, x))
          ? "problems.coordinatesSwapped"
          : "problems.badGeometry",
      );
      continue;
    }
    if (!allPoints(polygons, insideChina)) {
      report(
        allPoints(polygons, (x, y) => insideChina(y, x))
          ? "problems.coordinatesSwapped"
          : "problems.geometryOutsideChina",
      );
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
    if (samples.length < SAMPLE_COUNT) {
      const input = (polygons as number[][][][])[0][0][0];
      const stored = (geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates[0])[0][0];
      samples.push(sample(line, code, [input[0], input[1]], [stored[0], stored[1]] as [number, number]));
    }
  }
  if (features.length === 0) problems.push({ line: 0, error: "problems.empty" });
  return { rows, problems, samples };
}
