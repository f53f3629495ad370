// Keeps people.name_key / name_search in step with the variant table. A start whose table is the one the keys were
// made from reads one row of app_meta and does nothing else. When variants.json changes, only the files whose name
// contains a spelling that was added, removed or moved to another group are recomputed (a name's key depends on
// no other part of the table), plus files never keyed; a new key algorithm, or keys made from a table this code did
// not record, recompute every file once. Runs at the next start or `npm run db:migrate`.
import { createHash } from "node:crypto";
import { inArray, type SQL, sql } from "drizzle-orm";
import { appMeta, people } from "#db/schema";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { nameColumns } from "./keys";
import table from "./variants.json";

/** Raise when nameColumns changes in a way the table's hash does not show. */
const KEY_ALGORITHM = 1;
const VERSION_KEY = "name_keys_version";
/** The spellings the stored keys were made from, so the next table change can tell which names it touches. */
const TABLE_KEY = "name_keys_table";
const BATCH = 5_000;

export const nameKeysVersion = createHash("sha256")
  .update(`${KEY_ALGORITHM}:${JSON.stringify(table.groups)}`)
  .digest("hex")
  .slice(0, 16);

/** Each spelling of the table and its group's canonical spelling. */
export type SpellingTable = { algorithm: number; canonical: Record<string, string> };

export const currentSpellings: SpellingTable = {
  algorithm: KEY_ALGORITHM,
  canonical: Object.fromEntries(table.groups.flatMap((g) => g.spellings.map((s) => [s, g.spellings[0]]))),
};

/**
 * The spellings whose canonical form differs between two tables (added, removed or regrouped); null when every key
 * may differ (another algorithm, or the old table unknown).
 */
export function changedSpellings(before: SpellingTable | null, after: SpellingTable): string[] | null {
  if (!before || before.algorithm !== after.algorithm) return null;
  const spellings = new Set([...Object.keys(before.canonical), ...Object.keys(after.canonical)]);
  return [...spellings].filter((s) => before.canonical[s] !== after.canonical[s]).sort();
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The files whose keys may be stale (`true` for every file). */
function staleFiles(stored: { version: string | null; table: SpellingTable | null }): SQL {
  // Never refreshed: the columns were just added (every key empty) or the database is new.
  if (stored.version === null && stored.table === null) return sql`${people.nameKey} = ''`;
  // Keys made from this very table by code that did not yet record it (or by the load benchmark's seed).
  const before = stored.table ?? (stored.version === nameKeysVersion ? currentSpellings : null);
  const changed = changedSpellings(before, currentSpellings);
  if (changed === null) return sql`true`;
  if (changed.length === 0) return sql`${people.nameKey} = ''`;
  return sql`(${people.nameKey} = '' or ${people.fullName} like any(${sql.param(changed.map(likePattern))}::text[]))`;
}

/**
 * Recomputes the name columns of the files whose keys the current table would make differently; answers how many
 * files it read. `force` recomputes every file.
 */
export async function refreshNameKeys(db: DbOrTx, { force = false } = {}): Promise<number> {
  const meta = await db
    .select({ key: appMeta.key, value: appMeta.value })
    .from(appMeta)
    .where(inArray(appMeta.key, [VERSION_KEY, TABLE_KEY]));
  const version = meta.find((m) => m.key === VERSION_KEY)?.value;
  const stored = {
    version: typeof version === "string" ? version : null,
    table: (meta.find((m) => m.key === TABLE_KEY)?.value as SpellingTable | undefined) ?? null,
  };
  if (!force && stored.version === nameKeysVersion && stored.table !== null) return 0;
  const stale = force ? sql`true` : staleFiles(stored);
  let after = 0;
  let read = 0;
  for (;;) {
    const rows = await queryRows<{ id: number; full_name: string; name_bo: string | null }>(
      db,
      sql`select ${people.id} as id, ${people.fullName} as full_name, ${people.nameBo} as name_bo from ${people}
          where ${people.id} > ${after} and ${stale} order by ${people.id} limit ${BATCH}`,
    );
    if (rows.length === 0) break;
    const columns = rows.map((r) => nameColumns(r.full_name, r.name_bo));
    await db.execute(sql`
      update ${people} set name_key = u.name_key, name_search = u.name_search
      from unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(columns.map((c) => c.nameKey))}::text[],
                  ${sql.param(columns.map((c) => c.nameSearch))}::text[]) as u(id, name_key, name_search)
      where ${people.id} = u.id and (${people.nameKey} is distinct from u.name_key
                                     or ${people.nameSearch} is distinct from u.name_search)`);
    read += rows.length;
    after = rows[rows.length - 1].id;
  }
  await db.execute(sql`
    insert into ${appMeta} (key, value) values (${VERSION_KEY}, to_jsonb(${nameKeysVersion}::text)),
      (${TABLE_KEY}, ${JSON.stringify(currentSpellings)}::jsonb)
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
  return read;
}
