// The only gate to the database for app code: one handle per process, shared with the server entry and in-process
// workers. With read replicas (DATABASE_REPLICA_URLS) it also decides, per request, where reads go: the selects of a
// page to a replica that is close enough behind the primary; everything else — writes, transactions, raw SQL, any
// request that writes, a session that wrote a moment ago, and code outside a request (workers, scans, scripts) — to
// the primary. Modules do not know: they use `db` (or `primaryDb` where a read must be current, e.g. the audit chain).
import fs from "node:fs";
import path from "node:path";
import type { SQLWrapper } from "drizzle-orm";
import { PgDialect, withReplicas } from "drizzle-orm/pg-core";
import { type DatabaseHandle, type Db, openDatabase, openReplica, type ReplicaHandle } from "#db/client";
import { currentLoadContext } from "~/load-context";
import { env } from "./env.server";
import { logger } from "./logger.server";

declare global {
  // why: the Remix build and the server entry are separate module graphs; PGlite must be opened once per process.
  var __stationNetworkDb: DatabaseHandle | undefined;
  var __stationNetworkReplicas: ReplicaRouter | null | undefined;
}

export function databaseHandle(): DatabaseHandle {
  if (!globalThis.__stationNetworkDb) {
    const { DATABASE_URL, DATABASE_POOL_SIZE, dataDir } = env();
    if (!DATABASE_URL) fs.mkdirSync(dataDir, { recursive: true });
    globalThis.__stationNetworkDb = DATABASE_URL
      ? openDatabase({ url: DATABASE_URL, max: DATABASE_POOL_SIZE })
      : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  }
  return globalThis.__stationNetworkDb;
}

type ReplicaState = {
  /** host:port/db, for logs (never the password). */
  name: string;
  handle: ReplicaHandle;
  usable: boolean;
  lagMs: number | null;
  reason: string;
};

/** Where the name of a replica comes from in logs: the URL without its credentials. */
function describe(url: string): string {
  return url.replace(/^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?/, "").replace(/\?.*$/, "");
}

/**
 * The replicas of this process: each one's lag is measured every DATABASE_REPLICA_CHECK_MS (never per query); a replica
 * is chosen only while it answers and is less than DATABASE_REPLICA_MAX_LAG_MS behind. With none usable, reads go to
 * the primary. A read that finds its replica gone is re-sent to the primary and the replica is skipped at once.
 */
class ReplicaRouter {
  readonly replicas: ReplicaState[];
  /** drizzle's withReplicas: selects (and relational queries) through `pick`, everything else on the primary. */
  readonly db: Db;
  private timer: NodeJS.Timeout;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly primary: DatabaseHandle,
    urls: string[],
    private readonly settings: {
      maxLagMs: number;
      checkMs: number;
      connectTimeoutMs: number;
      poolSize: number;
    },
  ) {
    this.replicas = urls.map((url) => {
      const state: ReplicaState = {
        name: describe(url),
        usable: false,
        lagMs: null,
        reason: "not checked yet",
      } as ReplicaState;
      state.handle = openReplica(url, {
        primary,
        max: settings.poolSize,
        connectTimeoutMs: settings.connectTimeoutMs,
        onUnreachable: (error) => this.mark(state, false, null, `unreachable: ${(error as Error).message}`),
      });
      return state;
    });
    const [first, ...rest] = this.replicas.map((r) => r.handle.db);
    this.db = withReplicas(primary.db, [first, ...rest], () => this.pick());
    this.timer = setInterval(() => {
      this.checking = this.checking.then(() => this.check());
    }, settings.checkMs);
    this.timer.unref();
    this.checking = this.check();
  }

  /** A usable replica at random, else the primary. */
  pick(): Db {
    const usable = this.replicas.filter((r) => r.usable);
    if (usable.length === 0) return this.primary.db;
    return usable[Math.floor(Math.random() * usable.length)].handle.db;
  }

  private mark(replica: ReplicaState, usable: boolean, lagMs: number | null, reason: string) {
    const changed = replica.usable !== usable;
    replica.usable = usable;
    replica.lagMs = lagMs;
    replica.reason = reason;
    if (!changed) return;
    if (usable) logger.info({ replica: replica.name, lagMs }, "read replica in use");
    else
      logger.warn(
        { replica: replica.name, lagMs, reason },
        "read replica skipped; its reads go to the primary",
      );
  }

  private async check() {
    const { maxLagMs, checkMs } = this.settings;
    await Promise.all(
      this.replicas.map(async (replica) => {
        try {
          const lagMs = await Promise.race([
            replica.handle.lagMs(),
            new Promise<never>((_, reject) =>
              setTimeout(
                () => reject(new Error("no answer to the lag check")),
                Math.max(checkMs, 1000),
              ).unref(),
            ),
          ]);
          if (lagMs === null) this.mark(replica, false, null, "not a standby (promoted?)");
          else if (lagMs > maxLagMs) this.mark(replica, false, lagMs, `lagging ${Math.round(lagMs)} ms`);
          else this.mark(replica, true, lagMs, "");
        } catch (error) {
          this.mark(replica, false, null, `check failed: ${(error as Error).message}`);
        }
      }),
    );
  }

  async close() {
    clearInterval(this.timer);
    await this.checking.catch(() => {});
    await Promise.allSettled(this.replicas.map((r) => r.handle.close()));
  }
}

/** The replica router, or null without replicas (and always on PGlite). */
function replicaRouter(): ReplicaRouter | null {
  if (globalThis.__stationNetworkReplicas === undefined) {
    const e = env();
    const handle = databaseHandle();
    globalThis.__stationNetworkReplicas =
      e.DATABASE_REPLICA_URLS.length > 0 && handle.driver === "postgres"
        ? new ReplicaRouter(handle, e.DATABASE_REPLICA_URLS, {
            maxLagMs: e.DATABASE_REPLICA_MAX_LAG_MS,
            checkMs: e.DATABASE_REPLICA_CHECK_MS,
            connectTimeoutMs: e.DATABASE_REPLICA_CONNECT_TIMEOUT_MS,
            poolSize: e.DATABASE_POOL_SIZE,
          })
        : null;
  }
  return globalThis.__stationNetworkReplicas;
}

/** drizzle methods that write, or may: a request that calls one reads the primary from then on. */
const WRITES = new Set<PropertyKey>([
  "insert",
  "update",
  "delete",
  "execute",
  "transaction",
  "refreshMaterializedView",
]);

/**
 * Raw SQL (`db.execute`, queryRows) that only reads: coverage, reports and statistics are written in SQL
 * (docs/decisions/010), and they are what replicas are for. drizzle's withReplicas sends every `execute` to the
 * primary; here a statement that starts as a query and names nothing that writes, locks or draws a sequence goes to
 * a replica. A write that slipped through would be refused by the standby (read-only) and re-sent to the primary.
 */
const READS = /^[\s(]*(select|with|values|table)\b/i;
const MAY_WRITE =
  /\b(insert|update|delete|merge|copy|call|lock|nextval|setval|set_config|txid_current|pg_notify|pg_advisory\w*|pg_try_advisory\w*|lo_\w+)\b|\bfor\s+(update|share|no\s+key|key\s+share)\b/i;
const dialect = new PgDialect({ casing: "snake_case" });

function onlyReads(query: unknown): boolean {
  const text =
    typeof query === "string"
      ? query
      : query && typeof (query as SQLWrapper).getSQL === "function"
        ? dialect.sqlToQuery((query as SQLWrapper).getSQL()).sql
        : "";
  return READS.test(text) && !MAY_WRITE.test(text);
}

function bound(real: Db, property: PropertyKey) {
  const value = (real as unknown as Record<PropertyKey, unknown>)[property];
  return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
}

/**
 * The drizzle instance; opened on first use. Inside a request that may read from replicas (a GET or HEAD by a session
 * that has not written within DATABASE_READ_YOUR_WRITES_MS), selects go to a replica; the first write of the request
 * sends the rest of it to the primary, so a request always reads its own writes.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const context = currentLoadContext();
    if (context?.readsFrom === "replicas") {
      const router = replicaRouter();
      if (router && property === "execute")
        return (query: SQLWrapper | string) => {
          if (onlyReads(query)) return router.pick().execute(query);
          context.readsFrom = "primary";
          return databaseHandle().db.execute(query);
        };
      if (router && !WRITES.has(property)) return bound(router.db, property);
      if (WRITES.has(property)) context.readsFrom = "primary";
    }
    return bound(databaseHandle().db, property);
  },
});

/**
 * A query built once per open database and reused: its SQL text is not rebuilt on each call (drizzle spent ~0.2 ms of
 * CPU building the session-and-user query every request ran). On the primary; bind its values with `sql.placeholder`.
 * `genericPlan`: through the primary's generic-plan connections (`DatabaseHandle.genericPlans`), for a statement whose
 * best plan does not depend on its values (lookups by key), so that PostgreSQL plans it once per connection.
 */
export function preparedOnPrimary<T>(
  build: (primary: Db) => T,
  { genericPlan = false }: { genericPlan?: boolean } = {},
): () => T {
  const built = new WeakMap<DatabaseHandle, T>();
  return () => {
    const handle = databaseHandle();
    let query = built.get(handle);
    if (query === undefined) {
      query = build(genericPlan ? handle.genericPlans() : handle.db);
      built.set(handle, query);
    }
    return query;
  };
}

/** Always the primary: reads that must see the latest commit (the audit chain, sign-in state). */
export const primaryDb: Db = new Proxy({} as Db, {
  get(_target, property) {
    return bound(databaseHandle().db, property);
  },
});

// Read-your-writes across requests: every form post (and any other write method) sets a cookie that holds, for
// DATABASE_READ_YOUR_WRITES_MS, the time until which that browser's pages read from the primary. It carries no
// secret: forging it only sends one's own reads to the primary, and a time further ahead than the setting is ignored.
const PIN_COOKIE = "snc_primary";
const pinCookieName = () =>
  env().NODE_ENV === "production" && env().INSECURE_COOKIES !== "1" ? `__Host-${PIN_COOKIE}` : PIN_COOKIE;

function isReadMethod(method: string) {
  return method === "GET" || method === "HEAD";
}

/** Where a request's reads go, from its method and the pin cookie. */
export function readsFromFor(method: string, cookieHeader: string | undefined): "primary" | "replicas" {
  if (!isReadMethod(method) || !replicaRouter()) return "primary";
  const name = pinCookieName();
  const match = new RegExp(`(?:^|;\\s*)${name}=(\\d{1,15})(?:;|$)`).exec(cookieHeader ?? "");
  const until = match ? Number(match[1]) : 0;
  const now = Date.now();
  return until > now && until <= now + env().DATABASE_READ_YOUR_WRITES_MS ? "primary" : "replicas";
}

/** The Set-Cookie header a writing request answers with, or null when there are no replicas to keep away from. */
export function pinToPrimaryCookie(method: string): string | null {
  if (isReadMethod(method) || method === "OPTIONS" || !replicaRouter()) return null;
  const ms = env().DATABASE_READ_YOUR_WRITES_MS;
  const secure = pinCookieName() !== PIN_COOKIE;
  return `${pinCookieName()}=${Date.now() + ms}; Max-Age=${Math.ceil(ms / 1000)}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export async function closeDatabase(): Promise<void> {
  const replicas = globalThis.__stationNetworkReplicas;
  globalThis.__stationNetworkReplicas = undefined;
  await replicas?.close();
  const handle = globalThis.__stationNetworkDb;
  globalThis.__stationNetworkDb = undefined;
  await handle?.close();
}

export type { Db, DbOrTx, Tx } from "#db/client";
export { queryRows } from "#db/client";
