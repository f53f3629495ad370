// Opens the database: PostgreSQL through postgres.js when a URL is given, otherwise embedded PGlite.
// Nothing outside this file (and app/utils/db.server.ts) knows which driver is behind the drizzle instance.
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: module functions accept both. */
export type DbOrTx = Db | Tx;

export type DatabaseHandle = {
  db: Db;
  driver: "postgres" | "pglite";
  /** The underlying client, for tests and tools that need driver features (dumps, raw connections). */
  pglite?: PGlite;
  sql?: postgres.Sql;
  close: () => Promise<void>;
};

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export type OpenOptions = { url: string; max?: number } | { dataDir?: string; loadDataDir?: Blob | File };

/**
 * libpq's way of naming a Unix socket, `postgresql://user@/db?host=/var/run/postgresql`, as postgres.js options (it
 * takes the socket only as `path`). On the same machine a socket costs the app noticeably less CPU per query than
 * loopback TCP (see docs/performance.md).
 */
export function unixSocketOptions(url: string): { url: string; path?: string } {
  const match = /[?&]host=([^&]*)/.exec(url);
  const directory = match ? decodeURIComponent(match[1]) : "";
  if (!directory.startsWith("/")) return { url };
  const withoutHost = url.replace(/([?&])host=[^&]*&?/, "$1").replace(/[?&]$/, "");
  // why: neither WHATWG URL nor postgres.js parses an empty host ("user@/db"); the socket path decides anyway.
  const withHost = withoutHost.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)(?=[/:])/, "$1localhost");
  const port = /^postgres(?:ql)?:\/\/(?:[^@/]*@)?[^/:]*:(\d+)/.exec(withHost)?.[1] ?? "5432";
  return { url: withHost, path: `${directory.replace(/\/$/, "")}/.s.PGSQL.${port}` };
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if ("url" in options) {
    const { url, path } = unixSocketOptions(options.url);
    const sql = postgres(url, {
      ...(path ? { path } : {}),
      max: options.max ?? 10,
      idle_timeout: 20,
      connect_timeout: 10,
      onnotice: () => {},
      connection: { application_name: "station-network" },
    });
    const db = drizzlePostgres(sql, { schema, casing: "snake_case" }) as unknown as Db;
    return { db, driver: "postgres", sql, close: () => sql.end({ timeout: 5 }) };
  }
  const pglite = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    // why: migrations create these extensions (exclusion constraints; trigram name search).
    extensions: { btree_gist, pg_trgm },
  });
  const db = drizzlePglite(pglite, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "postgres") {
    // why: both the app and a test runner may migrate the same database at once; serialize them.
    const lockConnection = await handle.sql!.reserve();
    await lockConnection`select pg_advisory_lock(727274)`;
    try {
      await migratePostgres(handle.db as never, { migrationsFolder });
    } finally {
      await lockConnection`select pg_advisory_unlock(727274)`;
      lockConnection.release();
    }
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}

/** Rows of a raw query on either driver. Cast counts and sums (`::int`, `::float8`) so both drivers return numbers. */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
