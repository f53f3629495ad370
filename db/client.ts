// Opens the database: PostgreSQL through postgres.js when a URL is given, otherwise embedded PGlite.
// Nothing outside this file (and app/utils/db.server.ts) knows which driver is behind the drizzle instance.
import net from "node:net";
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
  /**
   * The same database through two more connections, opened on first use, that keep a prepared statement's generic
   * plan (`plan_cache_mode = force_generic_plan`): for the few hot statements whose best plan does not depend on their
   * values, so that they are planned once per connection instead of on every execution (see `connectionSettings`).
   * The database itself on PGlite.
   */
  genericPlans: () => Db;
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

export type PostgresHost = { host: string; port: number };

/**
 * The hosts of a libpq-style URL with several (`postgres://user@h1:5433,h2:5434/db?target_session_attrs=read-write`),
 * and the same URL with only the first host; null for an ordinary URL with one host.
 */
export function multiHostUrl(url: string): { hosts: PostgresHost[]; firstHostUrl: string } | null {
  const match = /^(postgres(?:ql)?:\/\/(?:[^@/?#]*@)?)([^/?#]*)(.*)$/.exec(url);
  if (!match?.[2].includes(",")) return null;
  const defaultPort = 5432;
  const hosts = match[2].split(",").map((entry) => {
    const parts = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(entry.trim());
    if (!parts?.[1]) throw new Error("a host in a multi-host PostgreSQL URL is empty or malformed");
    return { host: parts[1].replace(/^\[|\]$/g, ""), port: parts[2] ? Number(parts[2]) : defaultPort };
  });
  return { hosts, firstHostUrl: `${match[1]}${match[2].split(",")[0].trim()}${match[3]}` };
}

/** How long the primary locator waits for the hosts' answers, and trusts the one it found. */
const LOCATE_TIMEOUT_MS = 3000;
const LOCATED_FOR_MS = 1000;

/**
 * Finds the read-write host of a multi-host URL for each new connection: every host is asked at once whether it takes
 * writes, the first in the URL that says yes wins. The
 * answer is trusted for a second, or until a connection to it fails. If two hosts take writes (an old primary
 * started again by mistake), the one in use stays in use and an error is logged. why: postgres.js 3.4.9 walks the hosts itself,
 * but when none is read-write (the primary dead, the standby not yet promoted) it retries them forever, so a query
 * hangs instead of failing (porsager/postgres#1174); the driver is given one host and this socket instead.
 */
function primaryLocator(hosts: PostgresHost[], probeUrl: (host: PostgresHost) => string) {
  const probes = hosts.map((h) =>
    postgres(probeUrl(h), {
      max: 1,
      idle_timeout: 30,
      connect_timeout: LOCATE_TIMEOUT_MS / 1000,
      onnotice: () => {},
      connection: { application_name: "station-network-locator" },
    }),
  );
  let located: { index: number; until: number } | null = null;
  /** The host in use last: if an old primary comes back taking writes too, the app stays where it was. */
  let lastIndex = -1;
  let asking: Promise<number | null> | null = null;
  let splitBrainLogged = 0;

  const writable = (index: number) =>
    Promise.race([
      probes[index]<
        { writable: boolean }[]
      >`select current_setting('transaction_read_only') = 'off' as writable`
        .then(([row]) => row.writable)
        .catch(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), LOCATE_TIMEOUT_MS).unref()),
    ]);

  /**
   * The first host that says it takes writes, without waiting for hosts that do not answer (a dead machine answers
   * only with a timeout); the host in use stays chosen while it still says yes.
   */
  const ask = () =>
    new Promise<number | null>((resolve) => {
      const answers: (boolean | undefined)[] = hosts.map(() => undefined);
      let decided = false;
      const decide = () => {
        const yes = answers.flatMap((a, i) => (a ? [i] : []));
        const settled = answers.every((a) => a !== undefined);
        if (settled && yes.length > 1 && Date.now() - splitBrainLogged > 60_000) {
          splitBrainLogged = Date.now();
          process.stderr.write(
            `${JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "two PostgreSQL hosts take writes (split brain): fence the old primary", hosts: yes.map((i) => `${hosts[i].host}:${hosts[i].port}`) })}\n`,
          );
        }
        if (decided) return;
        let choice: number | null;
        const inUse = lastIndex >= 0 ? answers[lastIndex] : false;
        // Wait for the host in use to answer before choosing another one.
        if (inUse === true) choice = lastIndex;
        else if (inUse === undefined) return;
        else if (yes.length > 0) choice = yes[0];
        else if (settled) choice = null;
        else return;
        decided = true;
        resolve(choice);
      };
      hosts.forEach((_, i) => {
        void writable(i).then((ok) => {
          answers[i] = ok;
          decide();
        });
      });
    });

  const choose = async (): Promise<number> => {
    if (located && located.until > Date.now()) return located.index;
    asking ??= ask().finally(() => {
      asking = null;
    });
    const index = await asking;
    if (index === null) {
      located = null;
      // No host takes writes: connect to the first one anyway, so the driver fails the query with its own error
      // (refused, or "read-only" by target_session_attrs) instead of waiting.
      return 0;
    }
    located = { index, until: Date.now() + LOCATED_FOR_MS };
    lastIndex = index;
    return index;
  };

  return {
    socket: async () => {
      const index = await choose();
      const socket = net.connect(hosts[index].port, hosts[index].host);
      let connected = false;
      socket.once("connect", () => {
        connected = true;
      });
      // A host that refuses or does not answer is asked about again next time, and no longer held on to.
      socket.once("close", () => {
        if (connected) return;
        if (located?.index === index) located = null;
        if (lastIndex === index) lastIndex = -1;
      });
      return socket;
    },
    close: () => Promise.allSettled(probes.map((p) => p.end({ timeout: 1 }))),
  };
}

/**
 * Settings of every app connection. why: after five executions PostgreSQL may switch a prepared statement to a
 * generic plan, made without the values; for `regions.code like $1` that plan scans every region instead of the
 * prefix index, and the register's county search lost its bitmap of a county's villages (bench:load, 7 December:
 * county search p50 1.6 s, a station's list 198 ms). Planning per execution costs well under a millisecond;
 * parsing is still saved.
 */
export const connectionSettings = { plan_cache_mode: "force_custom_plan" } as const;
// why (the exception, `genericPlans`): planning is not always cheap. The session-and-user query every request runs
// joins seven tables and two subqueries: planned on each execution it cost PostgreSQL ~2.8 ms of CPU against 0.3 ms
// to run (EXPLAIN ANALYZE on bench:load's full dataset, a busy machine), most of the floor page's database time.

type Unsafe = (query: string, args?: unknown[], options?: Record<string, unknown>) => unknown;

/**
 * The client drizzle is given: every query with parameters is a prepared statement. why: drizzle sends its queries
 * through postgres.js `unsafe`, which does not prepare them, so PostgreSQL parsed and planned each of a page's ~10
 * queries on every request, and the driver read each answer's column descriptions again. Prepared, a connection
 * parses a query text once and afterwards only binds it; postgres.js keeps the statements per connection (and
 * re-prepares one whose plan a migration invalidated). Transactions and savepoints hand out wrapped clients too.
 * Every connection plans each execution for its own values (`plan_cache_mode`, see `connectionSettings`).
 */
function preparing<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "unsafe")
        return (query: string, args: unknown[] = [], options: Record<string, unknown> = {}) =>
          (value as Unsafe).call(target, query, args, { ...options, prepare: true });
      if (prop === "begin" || prop === "savepoint")
        return (...params: unknown[]) => {
          const work = params.pop() as (tx: object) => unknown;
          return value.call(target, ...params, (tx: object) => work(preparing(tx)));
        };
      return value.bind(target);
    },
  });
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if ("url" in options) {
    const { url, path } = unixSocketOptions(options.url);
    const multi = path ? null : multiHostUrl(url);
    const locator = multi
      ? primaryLocator(multi.hosts, (h) =>
          multi.firstHostUrl.replace(
            /^(postgres(?:ql)?:\/\/(?:[^@/?#]*@)?)[^/?#]*/,
            `$1${h.host.includes(":") ? `[${h.host}]` : h.host}:${h.port}`,
          ),
        )
      : null;
    const client = (max: number, planCacheMode: string) =>
      postgres(multi?.firstHostUrl ?? url, {
        ...(path ? { path } : {}),
        // why: the locator picks the host; target_session_attrs (kept in the URL) still refuses a host that turned
        // read-only between the locator's question and the connection.
        ...(locator ? { socket: locator.socket } : {}),
        max,
        idle_timeout: 20,
        connect_timeout: 10,
        onnotice: () => {},
        connection: {
          application_name: "station-network",
          ...connectionSettings,
          plan_cache_mode: planCacheMode,
        },
      });
    const sql = client(options.max ?? 10, connectionSettings.plan_cache_mode);
    const db = drizzlePostgres(preparing(sql), { schema, casing: "snake_case" }) as unknown as Db;
    let generic: { sql: postgres.Sql; db: Db } | null = null;
    return {
      db,
      driver: "postgres",
      sql,
      genericPlans: () => {
        if (!generic) {
          const genericSql = client(2, "force_generic_plan");
          generic = {
            sql: genericSql,
            db: drizzlePostgres(preparing(genericSql), { schema, casing: "snake_case" }) as unknown as Db,
          };
        }
        return generic.db;
      },
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), generic?.sql.end({ timeout: 5 })]);
        await locator?.close();
      },
    };
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
    genericPlans: () => db,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Errors after which a read sent to a replica is sent to the primary instead: the replica is gone or cannot answer. */
export function replicaCannotAnswer(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? "");
  return (
    /^(ECONN|EHOST|ENET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_)/.test(code) ||
    ["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"].includes(code) ||
    // Connection exceptions, shutdown / starting up, too many connections, a query cancelled by a recovery conflict.
    /^08/.test(code) ||
    ["57P01", "57P02", "57P03", "53300", "40001"].includes(code)
  );
}

export type ReplicaHandle = {
  db: Db;
  /** How far behind the primary: 0 when it has replayed what the primary had written a moment ago; null if not a standby. */
  lagMs: () => Promise<number | null>;
  close: () => Promise<void>;
};

/**
 * A read replica (a streaming standby) for drizzle's withReplicas. A read that fails because the replica cannot answer
 * is sent to the primary (`onUnreachable` is told, so the caller stops choosing it): only selects are routed here, so
 * running one again is safe, and no page fails or hangs longer than the connect timeout because a replica died.
 */
export function openReplica(
  url: string,
  {
    primary,
    max = 10,
    connectTimeoutMs = 2000,
    onUnreachable,
  }: {
    primary: DatabaseHandle;
    max?: number;
    connectTimeoutMs?: number;
    onUnreachable: (error: unknown) => void;
  },
): ReplicaHandle {
  if (!primary.sql) throw new Error("read replicas need PostgreSQL as the primary");
  const primarySql = primary.sql;
  const timeouts = { connect_timeout: connectTimeoutMs / 1000, idle_timeout: 20, onnotice: () => {} };
  const sql = postgres(url, {
    ...timeouts,
    max,
    connection: { application_name: "station-network-reads", ...connectionSettings },
  });
  // why: a connection of its own for the lag check, so a busy pool never makes the replica look late.
  const probe = postgres(url, {
    ...timeouts,
    max: 1,
    connection: { application_name: "station-network-lag" },
  });
  type Pending = ReturnType<postgres.Sql["unsafe"]>;
  const read = async <T>(run: (client: postgres.Sql) => Pending | Promise<T>): Promise<T> => {
    try {
      return (await run(sql)) as T;
    } catch (error) {
      // A statement the standby refuses as a write (read_only_sql_transaction) did nothing there: the primary runs it.
      const refusedWrite = (error as { code?: string })?.code === "25006";
      if (!refusedWrite && !replicaCannotAnswer(error)) throw error;
      if (!refusedWrite) onUnreachable(error);
      return (await run(primarySql)) as T;
    }
  };
  // drizzle's postgres-js session calls only `unsafe(query, params, options)`, awaited or with `.values()`.
  const client = new Proxy(sql, {
    get(target, property, receiver) {
      if (property !== "unsafe") return Reflect.get(target, property, receiver);
      return (
        query: string,
        params?: postgres.ParameterOrJSON<never>[],
        options?: postgres.UnsafeQueryOptions,
      ) => ({
        // biome-ignore lint/suspicious/noThenProperty: drizzle awaits what unsafe() returns; this is that thenable.
        then: (resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) =>
          read((c) => c.unsafe(query, params, options)).then(resolve, reject),
        values: () => read((c) => c.unsafe(query, params, options).values()),
      });
    },
  });
  const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    lagMs: async () => {
      const [{ lsn }] = await primarySql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
      const [row] = await probe<{ standby: boolean; caughtUp: boolean | null; sinceReplay: number | null }[]>`
        select pg_is_in_recovery() as standby,
               pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as "caughtUp",
               (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 as "sinceReplay"`;
      if (!row.standby) return null;
      if (row.caughtUp) return 0;
      // Behind the primary: its data is as old as the last transaction it replayed.
      return row.sinceReplay ?? Number.POSITIVE_INFINITY;
    },
    close: async () => {
      await Promise.allSettled([sql.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
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
