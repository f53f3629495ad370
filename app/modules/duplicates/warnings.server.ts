// Warnings before a file is saved (the new-person form, a CSV import): the files already in the user's scope that look
// like the same person, and rows of one import that look like each other. Files outside the scope are never read.
import { and, isNull, type SQL, sql } from "drizzle-orm";
import { people, regions } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { nameKey } from "~/modules/people/names/variants";
import { type DbOrTx, db as defaultDb, queryRows } from "~/utils/db.server";
import { maskIdNumber } from "~/utils/id-number-mask";
import { type FileSummary, fileSummaries } from "./candidates.server";
import { DUPLICATE_THRESHOLD, type PersonFacts, type Reason, scorePair } from "./score";

export type NewFile = {
  fullName: string;
  sex: string;
  birthDate: string;
  villageId: number;
  guardianName?: string | null;
  idNumber?: string;
};

export type DuplicateWarning = { file: FileSummary; score: number; reasons: Reason[] };

/** What the warnings show of a file already registered: enough to recognise the person, nothing more. */
export type WarnedFile = Pick<
  FileSummary,
  "id" | "fullName" | "sex" | "birthDate" | "villageName" | "townshipName" | "stationName" | "idNumberMasked"
>;

export type ImportDuplicate = { row: number; score: number; reasons: Reason[] } & (
  | { file: WarnedFile; otherRow?: undefined }
  | { otherRow: number; file?: undefined }
);

const WARNINGS_PER_FILE = 5;

async function townshipsOf(db: DbOrTx, villageIds: number[]): Promise<Map<number, number | null>> {
  const rows = await queryRows<{ id: number; parent_id: number | null }>(
    db,
    sql`select ${regions.id} as id, ${regions.parentId} as parent_id from ${regions}
        where ${regions.id} = any(${sql.param([...new Set(villageIds)])}::int[])`,
  );
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

function factsOf(file: NewFile, townshipId: number | null, id = 0): PersonFacts {
  return {
    id,
    fullName: file.fullName,
    nameKey: nameKey(file.fullName),
    sex: file.sex,
    birthDate: file.birthDate,
    villageId: file.villageId,
    townshipId,
    guardianName: file.guardianName || null,
    idNumberMasked: file.idNumber ? maskIdNumber(file.idNumber) : "",
  };
}

const visible = (user: SessionUser): SQL => and(peopleInScope(user), isNull(people.mergedIntoId))!;

export const warnedFile = (f: FileSummary): WarnedFile => ({
  id: f.id,
  fullName: f.fullName,
  sex: f.sex,
  birthDate: f.birthDate,
  villageName: f.villageName,
  townshipName: f.townshipName,
  stationName: f.stationName,
  idNumberMasked: f.idNumberMasked,
});

/** Files in the user's scope that look like the person about to be registered, most alike first. */
export async function likelyDuplicatesOf({
  user,
  file,
  exceptId,
  db = defaultDb,
}: {
  user: SessionUser;
  file: NewFile;
  exceptId?: number;
  db?: DbOrTx;
}): Promise<DuplicateWarning[]> {
  const key = nameKey(file.fullName);
  // why: each branch is an index range (people_name_key_idx, people_birth_date_idx), combined as a BitmapOr.
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select ${people.id} as id from ${people}
        where ${visible(user)} and ${people.id} <> ${exceptId ?? 0} and (
          (${people.nameKey} = ${key} and ${people.birthDate} between ${file.birthDate}::date - 400 and ${file.birthDate}::date + 400)
          or (${people.birthDate} = ${file.birthDate}::date and ${people.sex} = ${file.sex}))
        limit 200`,
  );
  const townships = await townshipsOf(db, [file.villageId]);
  const facts = factsOf(file, townships.get(file.villageId) ?? null);
  return (
    await fileSummaries(
      db,
      user,
      rows.map((r) => r.id),
    )
  )
    .map((existing) => ({ file: existing, ...scorePair(facts, existing) }))
    .filter((w) => w.score >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, WARNINGS_PER_FILE);
}

const IMPORT_CHUNK = 2_000;

/** For an import: each row that looks like a file in the user's scope, or like an earlier row of the same file. */
export async function importDuplicates({
  user,
  rows,
  db = defaultDb,
}: {
  user: SessionUser;
  rows: { line: number; file: NewFile }[];
  db?: DbOrTx;
}): Promise<ImportDuplicate[]> {
  if (rows.length === 0) return [];
  const townships = await townshipsOf(
    db,
    rows.map((r) => r.file.villageId),
  );
  const facts = rows.map((r) => factsOf(r.file, townships.get(r.file.villageId) ?? null));
  const out: ImportDuplicate[] = [];
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
    const chunk = facts.slice(i, i + IMPORT_CHUNK);
    const matches = await queryRows<{ n: number; id: number }>(
      db,
      sql`with u as (
            select * from unnest(${sql.param(chunk.map((f) => f.nameKey))}::text[],
                                 ${sql.param(chunk.map((f) => f.birthDate))}::text[],
                                 ${sql.param(chunk.map((f) => f.sex))}::text[])
              with ordinality as u(name_key, birth_date, sex, n))
          select u.n::int as n, ${people.id} as id from u join ${people}
            on ${people.nameKey} = u.name_key
           and ${people.birthDate} between u.birth_date::date - 400 and u.birth_date::date + 400
          where ${visible(user)}
          union
          select u.n::int, ${people.id} from u join ${people}
            on ${people.birthDate} = u.birth_date::date and ${people.sex} = u.sex
          where ${visible(user)}`,
    );
    const existing = new Map(
      (await fileSummaries(db, user, [...new Set(matches.map((m) => m.id))])).map((f) => [f.id, f]),
    );
    const perRow = new Map<number, DuplicateWarning[]>();
    for (const { n, id } of matches) {
      const file = existing.get(id);
      if (!file) continue;
      const { score, reasons } = scorePair(chunk[n - 1], file);
      if (score < DUPLICATE_THRESHOLD) continue;
      perRow.set(n, [...(perRow.get(n) ?? []), { file, score, reasons }]);
    }
    for (const [n, warnings] of perRow)
      for (const w of warnings.sort((a, b) => b.score - a.score).slice(0, WARNINGS_PER_FILE))
        out.push({ row: rows[i + n - 1].line, file: warnedFile(w.file), score: w.score, reasons: w.reasons });
  }
  out.push(...withinFile(rows, facts));
  return out.sort((a, b) => a.row - b.row || b.score - a.score);
}

/** Rows of one import that look like an earlier row: compared only within a shared name key or birth date. */
function withinFile(rows: { line: number }[], facts: PersonFacts[]): ImportDuplicate[] {
  const groups = new Map<string, number[]>();
  facts.forEach((f, i) => {
    for (const block of [`k:${f.nameKey}`, `b:${f.birthDate}:${f.sex}`])
      groups.set(block, [...(groups.get(block) ?? []), i]);
  });
  const seen = new Set<string>();
  const out: ImportDuplicate[] = [];
  for (const members of groups.values()) {
    // why: a block of hundreds (a common birth date in a big file) is compared only among its first 50.
    const some = members.slice(0, 50);
    for (let x = 0; x < some.length; x++)
      for (let y = x + 1; y < some.length; y++) {
        const [i, j] = [some[x], some[y]];
        const pair = `${i}:${j}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const { score, reasons } = scorePair(facts[i], facts[j]);
        if (score >= DUPLICATE_THRESHOLD)
          out.push({ row: rows[j].line, otherRow: rows[i].line, score, reasons });
      }
  }
  return out;
}

export type RegisterWarning = { file: WarnedFile; score: number; reasons: Reason[] };

/**
 * Before the new-person form saves: the files in the user's scope that look like this person, unless the user has
 * ticked that they checked them. `null`: nothing to warn about, register.
 */
export async function warningsBeforeRegister({
  user,
  input,
  checked,
}: {
  user: SessionUser;
  input: NewFile;
  checked: boolean;
}): Promise<RegisterWarning[] | null> {
  if (checked) return null;
  const warnings = await likelyDuplicatesOf({ user, file: input });
  return warnings.length
    ? warnings.map((w) => ({ file: warnedFile(w.file), score: w.score, reasons: w.reasons }))
    : null;
}
