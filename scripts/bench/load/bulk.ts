// Bulk loading for the load benchmark: COPY through postgres.js with the big tables' secondary indexes and foreign
// keys set aside while rows stream in, then rebuilt in one pass each (the way pg_restore loads a dump).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";

/** One COPY text-format field: NULL as \N, backslash, tab and newlines escaped. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (Array.isArray(value)) return copyField(`{${value.map((v) => `"${String(v)}"`).join(",")}}`);
  const text = typeof value === "string" ? value : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : text;
}

/** Streams rows (arrays of values in `columns` order) into `table` with COPY … FROM STDIN. */
export async function copyRows(
  sql: postgres.Sql,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  let count = 0;
  function* lines() {
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(row.map(copyField).join("\t"));
      count++;
      if (chunk.length === 2_000) {
        yield `${chunk.join("\n")}\n`;
        chunk = [];
      }
    }
    if (chunk.length) yield `${chunk.join("\n")}\n`;
  }
  const writable = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(lines()), writable);
  return count;
}

/**
 * Runs `load` with the table's secondary indexes, unique and foreign-key constraints dropped, then puts them back
 * exactly as the migrations defined them (definitions read from the catalog before dropping).
 */
export async function withoutSecondaryIndexes<T>(
  sql: postgres.Sql,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const constraints = await sql<{ name: string; def: string; type: string }[]>`
    select conname as name, pg_get_constraintdef(oid) as def, contype as type
    from pg_constraint where conrelid = ${table}::regclass and contype in ('f', 'u')`;
  const indexes = await sql<{ name: string; def: string }[]>`
    select indexname as name, indexdef as def from pg_indexes
    where tablename = ${table} and schemaname = current_schema()
      and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)`;
  for (const c of constraints) await sql.unsafe(`alter table ${table} drop constraint "${c.name}"`);
  for (const i of indexes) await sql.unsafe(`drop index "${i.name}"`);
  const result = await load();
  // Unique constraints and plain indexes first (foreign keys of other tables may need them), then foreign keys.
  for (const c of constraints.filter((c) => c.type === "u"))
    await sql.unsafe(`alter table ${table} add constraint "${c.name}" ${c.def}`);
  for (const i of indexes) await sql.unsafe(i.def);
  for (const c of constraints.filter((c) => c.type === "f"))
    await sql.unsafe(`alter table ${table} add constraint "${c.name}" ${c.def}`);
  return result;
}
