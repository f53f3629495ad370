// Region imports against the database: parents must exist (in the file or already), codes must lie in the importer's
// scope; the commit is all-or-nothing, bulk (one statement per level and 5,000 rows), and idempotent: a row whose
// name, parent, point, population and Tibetan and pinyin names are unchanged is not touched.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { regions } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { type DbOrTx, db as defaultDb, queryRows } from "~/utils/db.server";
import type { BoundaryImportRow, CoordinateSample, Datum, ImportProblem, RegionImportRow } from "./parse";
import { parseBoundaryGeoJson, parseRegionCsv } from "./parse";

export type ImportKind = "regions" | "boundaries";

export type ImportReport = {
  kind: ImportKind;
  committed: boolean;
  rows: number;
  problems: ImportProblem[];
  /** What a commit does (preview) or did. */
  counts: { inserted: number; updated: number; unchanged: number };
  byLevel: Record<string, number>;
  sha256: string;
  /** The first rows' coordinates as given and as stored, so a wrong datum shows before the commit. */
  samples: CoordinateSample[];
  datum: Datum;
};

const levels = ["province", "prefecture", "county", "township", "village"] as const;
const BATCH = 5000;

function inScope(user: SessionUser, code: string): boolean {
  const { scope } = user;
  if (scope.kind === "all") return true;
  if (scope.kind === "region") return code.startsWith(scope.codePrefix);
  return false;
}

type Existing = {
  code: string;
  name: string;
  name_bo: string | null;
  name_pinyin: string | null;
  parent_code: string | null;
  lat: number | null;
  lng: number | null;
  population: number | null;
  has_boundary: boolean;
  boundary_hash: string | null;
};

const parent = alias(regions, "p");

async function existingRegions(
  db: DbOrTx,
  codes: string[],
  withBoundary: boolean,
): Promise<Map<string, Existing>> {
  const map = new Map<string, Existing>();
  for (let i = 0; i < codes.length; i += BATCH) {
    const chunk = codes.slice(i, i + BATCH);
    const rows = await queryRows<Existing>(
      db,
      sql`select ${regions.code}, ${regions.name}, ${regions.nameBo} as name_bo, ${regions.namePinyin} as name_pinyin,
          ${parent.code} as parent_code, ${regions.lat}, ${regions.lng}, ${regions.population},
          ${regions.boundary} is not null as has_boundary,
          ${withBoundary ? sql`md5(${regions.boundary}::text)` : sql`null`} as boundary_hash
        from ${regions} left join ${regions} ${parent} on ${parent.id} = ${regions.parentId}
        join jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb) as x(code) on x.code = ${regions.code}`,
    );
    for (const r of rows) map.set(r.code, r);
  }
  return map;
}

function sameRow(row: RegionImportRow, old: Existing): boolean {
  return (
    old.name === row.name &&
    (old.parent_code ?? null) === row.parentCode &&
    (row.lat == null || (old.lat === row.lat && old.lng === row.lng)) &&
    (row.population == null || old.population === row.population) &&
    (row.nameBo == null || old.name_bo === row.nameBo) &&
    (row.namePinyin == null || old.name_pinyin === row.namePinyin)
  );
}

/** Parsed rows to check against the database and the importer's scope, with the problems parsing found. */
type RowsToCheck<Row> = { db?: DbOrTx; user: SessionUser; rows: Row[]; problems: ImportProblem[] };

/** Checks a regions CSV against the database and the user's scope; writes nothing. */
export async function checkRegionRows({
  db = defaultDb,
  user,
  rows,
  problems,
}: RowsToCheck<RegionImportRow>) {
  const codes = rows.map((r) => r.code);
  const parentCodes = [...new Set(rows.map((r) => r.parentCode).filter((c): c is string => !!c))];
  const existing = await existingRegions(db, [...new Set([...codes, ...parentCodes])], false);
  const inFile = new Set(codes);
  const all = [...problems];
  for (const row of rows) {
    if (!inScope(user, row.code)) all.push({ line: row.line, code: row.code, error: "problems.outOfScope" });
    else if (row.parentCode && !inFile.has(row.parentCode) && !existing.has(row.parentCode))
      all.push({
        line: row.line,
        code: row.code,
        error: "problems.unknownParent",
        params: { parent: row.parentCode },
      });
  }
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const row of rows) {
    const old = existing.get(row.code);
    if (!old) inserted++;
    else if (sameRow(row, old)) unchanged++;
    else updated++;
  }
  const byLevel: Record<string, number> = {};
  for (const row of rows) byLevel[row.level] = (byLevel[row.level] ?? 0) + 1;
  all.sort((a, b) => a.line - b.line);
  return { problems: all, counts: { inserted, updated, unchanged }, byLevel };
}

async function upsertRegionRows(tx: DbOrTx, rows: RegionImportRow[]) {
  for (const level of levels) {
    const batch = rows.filter((r) => r.level === level);
    for (let i = 0; i < batch.length; i += BATCH) {
      const payload = JSON.stringify(
        batch.slice(i, i + BATCH).map((r) => ({
          code: r.code,
          level: r.level,
          name: r.name,
          name_bo: r.nameBo,
          name_pinyin: r.namePinyin,
          parent_code: r.parentCode,
          lat: r.lat,
          lng: r.lng,
          population: r.population,
        })),
      );
      // why: one statement per batch (jsonb_to_recordset) instead of a round trip per row; the WHERE on the conflict
      // update leaves identical rows untouched, so re-importing a file changes nothing (not even updated_at). Like an
      // empty point, an empty Tibetan or pinyin name keeps the known one.
      await tx.execute(sql`
        insert into regions (code, level, parent_id, name, name_bo, name_pinyin, lat, lng, coord_quality, population)
        select x.code, x.level, p.id, x.name, x.name_bo, x.name_pinyin, x.lat, x.lng,
          case when x.lat is null then 'unknown' else 'approximate' end, x.population
        from jsonb_to_recordset(${payload}::jsonb)
          as x(code text, level text, name text, name_bo text, name_pinyin text, parent_code text, lat float8, lng float8,
            population int)
        left join regions p on p.code = x.parent_code
        on conflict (code) do update set
          name = excluded.name,
          name_bo = coalesce(excluded.name_bo, regions.name_bo),
          name_pinyin = coalesce(excluded.name_pinyin, regions.name_pinyin),
          parent_id = excluded.parent_id,
          lat = coalesce(excluded.lat, regions.lat),
          lng = coalesce(excluded.lng, regions.lng),
          coord_quality = case when excluded.lat is null then regions.coord_quality
            when regions.coord_quality = 'surveyed' and excluded.lat = regions.lat and excluded.lng = regions.lng then 'surveyed'
            else 'approximate' end,
          population = coalesce(excluded.population, regions.population),
          population_derived = regions.population_derived and excluded.population is null,
          updated_at = now()
        where regions.name is distinct from excluded.name
          or regions.parent_id is distinct from excluded.parent_id
          or (excluded.lat is not null and (regions.lat is distinct from excluded.lat or regions.lng is distinct from excluded.lng))
          or (excluded.population is not null and (regions.population is distinct from excluded.population or regions.population_derived))
          or (excluded.name_bo is not null and regions.name_bo is distinct from excluded.name_bo)
          or (excluded.name_pinyin is not null and regions.name_pinyin is distinct from excluded.name_pinyin)`);
    }
  }
}

async function checkBoundaryRows({ db = defaultDb, user, rows, problems }: RowsToCheck<BoundaryImportRow>) {
  const existing = await existingRegions(
    db,
    rows.map((r) => r.code),
    true,
  );
  const all = [...problems];
  let updated = 0;
  let unchanged = 0;
  const hashes = rows.length
    ? await queryRows<{ i: number; h: string }>(
        db,
        sql`select (x.ord - 1)::int as i, md5(x.g::text) as h
          from jsonb_array_elements(${JSON.stringify(rows.map((r) => r.geometry))}::jsonb) with ordinality as x(g, ord)`,
      )
    : [];
  const hashOf = new Map(hashes.map((h) => [h.i, h.h]));
  rows.forEach((row, i) => {
    const old = existing.get(row.code);
    if (!inScope(user, row.code)) all.push({ line: row.line, code: row.code, error: "problems.outOfScope" });
    else if (!old) all.push({ line: row.line, code: row.code, error: "problems.unknownRegion" });
    else if (old.boundary_hash === hashOf.get(i)) unchanged++;
    else updated++;
  });
  all.sort((a, b) => a.line - b.line);
  return { problems: all, counts: { inserted: 0, updated, unchanged }, byLevel: {} };
}

async function updateBoundaries(tx: DbOrTx, rows: BoundaryImportRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const payload = JSON.stringify(
      rows.slice(i, i + 500).map((r) => ({ code: r.code, geometry: r.geometry })),
    );
    await tx.execute(sql`
      update regions set boundary = x.geometry, updated_at = now()
      from jsonb_to_recordset(${payload}::jsonb) as x(code text, geometry jsonb)
      where regions.code = x.code and regions.boundary is distinct from x.geometry`);
  }
}

/**
 * Parses, checks and (when `commit` and there is no problem) writes an import in one transaction.
 * With any problem nothing is written and the report lists every problem with its line.
 */
export async function runRegionImport({
  user,
  actor,
  kind,
  text,
  datum,
  codeProperty,
  commit,
}: {
  user: SessionUser;
  actor: AuditActor;
  kind: ImportKind;
  text: string;
  datum: Datum;
  codeProperty?: string;
  commit: boolean;
}): Promise<ImportReport> {
  const sha256 = createHash("sha256").update(text).digest("hex");
  const parsed =
    kind === "regions" ? parseRegionCsv(text, datum) : parseBoundaryGeoJson(text, { datum, codeProperty });
  const check = async (db: DbOrTx) =>
    kind === "regions"
      ? checkRegionRows({ db, user, rows: parsed.rows as RegionImportRow[], problems: parsed.problems })
      : checkBoundaryRows({ db, user, rows: parsed.rows as BoundaryImportRow[], problems: parsed.problems });
  const base = {
    kind,
    rows: parsed.rows.length + parsed.problems.filter((p) => p.line > 1).length,
    sha256,
    samples: parsed.samples,
    datum,
  };
  if (!commit || parsed.problems.length) {
    const result = await check(defaultDb);
    return { ...base, ...result, committed: false };
  }
  return defaultDb.transaction(async (tx) => {
    // why: one import at a time, so two identical uploads cannot interleave their batches.
    await tx.execute(sql`select pg_advisory_xact_lock(727276)`);
    const result = await check(tx);
    if (result.problems.length) return { ...base, ...result, committed: false };
    if (kind === "regions") await upsertRegionRows(tx, parsed.rows as RegionImportRow[]);
    else await updateBoundaries(tx, parsed.rows as BoundaryImportRow[]);
    const changed = result.counts.inserted + result.counts.updated;
    if (changed > 0)
      await recordAudit(tx, actor, {
        action: kind === "regions" ? "regions.import" : "regions.import_boundaries",
        entityType: "region",
        entityId: null,
        changes: { ...result.counts, byLevel: result.byLevel, sha256, datum },
      });
    return { ...base, ...result, committed: true };
  });
}
