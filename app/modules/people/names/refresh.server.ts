// Keeps people.name_key / name_search in step with the variant table: when variants.json (or the way keys are made)
// changes, every file's columns are recomputed once, in batches, at the next start or `npm run db:migrate`.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { appMeta, people } from "#db/schema";
import { type DbOrTx, queryRows } from "~/utils/db.server";
import { nameColumns } from "./keys";
import table from "./variants.json";

/** Raise when nameColumns changes in a way the table's hash does not show. */
const KEY_ALGORITHM = 1;
const META_KEY = "name_keys_version";
const BATCH = 5_000;

export const nameKeysVersion = createHash("sha256")
  .update(`${KEY_ALGORITHM}:${JSON.stringify(table.groups)}`)
  .digest("hex")
  .slice(0, 16);

/** Recomputes the name columns of every file when they were made from another table; answers how many rows. */
export async function refreshNameKeys(db: DbOrTx, { force = false } = {}): Promise<number> {
  const [stored] = await queryRows<{ version: string | null }>(
    db,
    sql`select ${appMeta.value} #>> '{}' as version from ${appMeta} where ${appMeta.key} = ${META_KEY}`,
  );
  if (!force && stored?.version === nameKeysVersion) return 0;
  let after = 0;
  let updated = 0;
  for (;;) {
    const rows = await queryRows<{ id: number; full_name: string; name_bo: string | null }>(
      db,
      sql`select ${people.id} as id, ${people.fullName} as full_name, ${people.nameBo} as name_bo from ${people}
          where ${people.id} > ${after} order by ${people.id} limit ${BATCH}`,
    );
    if (rows.length === 0) break;
    const columns = rows.map((r) => nameColumns(r.full_name, r.name_bo));
    await db.execute(sql`
      update ${people} set name_key = u.name_key, name_search = u.name_search
      from unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(columns.map((c) => c.nameKey))}::text[],
                  ${sql.param(columns.map((c) => c.nameSearch))}::text[]) as u(id, name_key, name_search)
      where ${people.id} = u.id and (${people.nameKey} is distinct from u.name_key
                                     or ${people.nameSearch} is distinct from u.name_search)`);
    updated += rows.length;
    after = rows[rows.length - 1].id;
  }
  await db.execute(sql`
    insert into ${appMeta} (key, value) values (${META_KEY}, to_jsonb(${nameKeysVersion}::text))
    on conflict (key) do update set value = excluded.value, updated_at = now()`);
  return updated;
}
