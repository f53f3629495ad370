// Configuration from the environment, parsed once at boot so a bad value fails fast with a clear message.
// The only place production code reads process.env; README.md's Configuration tables list the same variables.
import path from "node:path";
import type { RedisOptions } from "ioredis";
import { z } from "zod";
import { multiHostUrl } from "#db/client";
import { reminderKinds } from "#db/schema/enums";
import { isTileTemplate, mapTileProviders } from "./map-tiles";

/** A setting that may be unset or empty; when given, it must pass `inner`. */
const optionalSetting = (inner: z.ZodString) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(inner.optional());

const optionalUrl = optionalSetting(z.string().url());

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A libpq-style URL: `postgresql://user@/db?host=/var/run/postgresql` (a Unix socket) has no host, which a URL check refuses. */
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/, "expected postgres://… or postgresql://…");

/** Several hosts (`h1:5433,h2:5434`) fail over only to the one that takes writes; libpq's other choices would not. */
function checkHosts(url: string, ctx: z.RefinementCtx, { replica }: { replica: boolean }) {
  let multi: ReturnType<typeof multiHostUrl>;
  try {
    multi = multiHostUrl(url);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return;
  }
  if (!multi) return;
  if (replica) ctx.addIssue({ code: "custom", message: "a replica URL names one host" });
  else if (!/[?&]target_session_attrs=(read-write|primary)(&|$)/.test(url))
    ctx.addIssue({
      code: "custom",
      message: "a URL with several hosts needs ?target_session_attrs=read-write",
    });
  else if (/[?&]host=/.test(url))
    ctx.addIssue({ code: "custom", message: "several hosts cannot be combined with a Unix socket (host=)" });
}

/** Redis: one server, or a Sentinel group that names the current master. */
export type RedisTarget =
  | {
      kind: "server";
      host: string;
      port: number;
      username?: string;
      password?: string;
      db?: number;
      tls?: object;
    }
  | {
      kind: "sentinel";
      sentinels: { host: string; port: number }[];
      name: string;
      username?: string;
      password?: string;
      sentinelUsername?: string;
      sentinelPassword?: string;
      db?: number;
    };

/**
 * `redis://[user:password@]host[:port][/db]`, `rediss://…` (TLS), or a Sentinel group,
 * `redis+sentinel://[user:password@]h1[:26379],h2[:26379],…/master-name[?db=N&sentinelPassword=…&sentinelUsername=…]`
 * (the password is the data nodes'; Sentinels may have their own). Error messages never repeat the URL: it may hold
 * a password.
 */
export function parseRedisUrl(url: string): RedisTarget {
  const decode = (v: string | undefined) => (v ? decodeURIComponent(v) : undefined);
  const dbNumber = (v: string | null | undefined) => {
    if (v == null || v === "") return undefined;
    if (!/^\d{1,2}$/.test(v)) throw new Error("the database number must be 0–99");
    return Number(v);
  };
  const sentinel =
    /^redis\+sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#@]+)\/([A-Za-z0-9._-]+)\/?(?:\?([^#]*))?$/.exec(
      url,
    );
  if (sentinel) {
    const query = new URLSearchParams(sentinel[5] ?? "");
    const sentinels = sentinel[3].split(",").map((entry) => {
      const m = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(entry.trim());
      if (!m) throw new Error("a Sentinel address must be host or host:port");
      return { host: m[1].replace(/^\[|\]$/g, ""), port: m[2] ? Number(m[2]) : 26379 };
    });
    return {
      kind: "sentinel",
      sentinels,
      name: sentinel[4],
      username: decode(sentinel[1]),
      password: decode(sentinel[2]),
      sentinelUsername: query.get("sentinelUsername") ?? undefined,
      sentinelPassword: query.get("sentinelPassword") ?? undefined,
      db: dbNumber(query.get("db")),
    };
  }
  if (!/^rediss?:\/\//.test(url))
    throw new Error(
      "expected redis://host:port, rediss://…, or redis+sentinel://h1:26379,h2:26379/master-name",
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("not a valid redis:// URL");
  }
  return {
    kind: "server",
    host: parsed.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
    username: decode(parsed.username),
    password: decode(parsed.password),
    db: dbNumber(parsed.pathname.replace(/^\//, "")),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
  };
}

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The primary; several hosts with `?target_session_attrs=read-write` fail over to whichever takes writes. */
  DATABASE_URL: optionalSetting(postgresUrl)
    .optional()
    .superRefine((url, ctx) => url && checkHosts(url, ctx, { replica: false })),
  /** Connections to PostgreSQL per process (ignored on PGlite). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Streaming replicas that serve reads of pages (separated by commas or spaces); see docs/scaling.md. */
  DATABASE_REPLICA_URLS: z
    .string()
    .trim()
    .default("")
    .transform((v) =>
      v
        .split(/[\s,]+(?=postgres(?:ql)?:\/\/)/)
        .map((u) => u.trim().replace(/,$/, ""))
        .filter(Boolean),
    )
    .superRefine((urls, ctx) => {
      for (const url of urls) {
        if (!postgresUrl.safeParse(url).success)
          ctx.addIssue({ code: "custom", message: "each replica is a postgres://… URL" });
        else checkHosts(url, ctx, { replica: true });
      }
    }),
  /** A replica further behind the primary than this is skipped until it catches up. */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** How often each replica's lag is measured (once per process, not per query). */
  DATABASE_REPLICA_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** A replica that does not answer a connection within this long is skipped; the read goes to the primary. */
  DATABASE_REPLICA_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  /** After a write (any form post) the session reads from the primary for this long: read-your-writes. */
  DATABASE_READ_YOUR_WRITES_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DATA_DIR: z.string().default(".data"),
  /** One Redis, or a Sentinel group: `redis+sentinel://h1:26379,h2:26379,h3:26379/mymaster` (see parseRedisUrl). */
  REDIS_URL: z
    .string()
    .trim()
    .default("redis://127.0.0.1:6379")
    .superRefine((url, ctx) => {
      try {
        parseRedisUrl(url);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** Prefix for every BullMQ key, so several installations (or test runs) can share one Redis. */
  /** Unset: derived from the database (app/modules/reminders/queue-prefix.server.ts). */
  QUEUE_PREFIX: optionalSetting(
    z.string().regex(/^[A-Za-z0-9_{}.-]{1,64}$/, "letters, digits, _ - . { } only"),
  ).optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "DATA_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  /** Set to 1 only for plain-HTTP deployments on a trusted network; cookies are Secure in production otherwise. */
  INSECURE_COOKIES: z.enum(["0", "1"]).default("0"),
  // Base map (app/utils/map-tiles.ts). Unset MAP_TILES: a TILE_URL of one's own (empty: none), else OpenStreetMap.
  MAP_TILES: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.enum(mapTileProviders).optional())
    .optional(),
  /** Tianditu (天地图) key, for MAP_TILES=tianditu. */
  TIANDITU_KEY: optionalSetting(
    z.string().regex(/^[0-9A-Za-z]{16,64}$/, "letters and digits only"),
  ).optional(),
  /** A tile URL template with {z}, {x}, {y} (or {-y}) and optionally {s}; an empty value means no base map. */
  TILE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isTileTemplate(v), "expected a URL template with {z}, {x} and {y}"),
  TILE_SUBDOMAINS: optionalSetting(
    z.string().regex(/^[0-9a-z]{1,10}$/, "letters or digits, e.g. abc"),
  ).optional(),
  TILE_ATTRIBUTION: optionalSetting(z.string()).optional(),
  /** The datum of a TILE_URL's tiles: gcj02 for AMap/Tencent-style tiles (coordinates are converted for display). */
  TILE_CRS: z.enum(["wgs84", "gcj02"]).default("wgs84"),
  SMTP_URL: optionalUrl.optional(),
  MAIL_FROM: z.string().default("station-network@localhost"),
  WEBHOOK_URL: optionalUrl.optional(),
  /**
   * Hosts a region's or station's group robot may post to (comma-separated): a planner types the address, so the
   * server must not be made to post anywhere else (SSRF). The two robot services by default.
   */
  ROBOT_HOSTS: z
    .string()
    .default("qyapi.weixin.qq.com,oapi.dingtalk.com")
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Public address of the app, for links in reminder emails; without it emails carry no link. */
  APP_URL: optionalUrl.optional(),
  /** Run the reminder workers inside the web process (always so on PGlite, which admits one connection). */
  IN_PROCESS_WORKERS: z.enum(["auto", "0", "1"]).default("auto"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /**
   * Which proxies may set X-Forwarded-For, in Express's syntax: `loopback`, a comma-separated list of addresses or
   * CIDRs, or a hop count. why: Express reads a hop count only as a number; the string "1" would be an address.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default("loopback")
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : v)),
  /** Sign-in posts per minute per client address (on top of the per-account lock-out). */
  RATE_LIMIT_SIGN_IN: z.coerce.number().int().min(1).default(20),
  /** Export, GeoJSON, calendar-feed and /api/ requests per minute per client address. */
  RATE_LIMIT_EXPENSIVE: z.coerce.number().int().min(1).default(120),
  /**
   * ID numbers a user may find registered outside their scope (by registering or importing people) per hour and per
   * day; beyond either, their ID checks are refused and administrators are told (app/modules/people/id-elsewhere).
   */
  ID_CHECKS_ELSEWHERE_PER_HOUR: z.coerce.number().int().min(1).default(20),
  ID_CHECKS_ELSEWHERE_PER_DAY: z.coerce.number().int().min(1).default(50),
  /**
   * Load shedding (app/utils/overload.server.ts): requests in flight per process before new ones get 503. Little's
   * law: a process answers ~70 pages a second at full size (docs/performance.md), so 32 in flight is ~0.5 s of queue;
   * more would only lengthen the wait of every answered request, not raise the throughput.
   */
  OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(32),
  /** … or the event loop's delay (99th percentile over half a second) above this, in milliseconds. */
  OVERLOAD_MAX_LOOP_DELAY_MS: z.coerce.number().int().min(1).default(250),
  /** Seconds a shed request is told to wait (Retry-After). */
  OVERLOAD_RETRY_AFTER_S: z.coerce.number().int().min(1).max(120).default(3),

  // Plausibility checks of recorded visits (app/modules/visits/plausibility.ts; README "Plausibility checks").
  /** A visit recorded farther than this from its village's surveyed point is flagged. */
  VISIT_FAR_KM: z.coerce.number().min(0.1).max(500).default(3),
  /** … from a village whose point is approximate or unknown (derived positions can be kilometres off). */
  VISIT_FAR_APPROX_KM: z.coerce.number().min(0.1).max(500).default(15),
  /** Two visits by one worker need at least the straight-line distance at this speed between them. */
  VISIT_MAX_SPEED_KMH: z.coerce.number().min(1).max(1000).default(60),
  /** A device clock this far from the server's when the visit is sent is flagged. */
  VISIT_CLOCK_SKEW_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** This many visits by one worker within VISIT_BURST_MINUTES (by the time of the visit) are flagged. */
  VISIT_BURST_COUNT: z.coerce.number().int().min(2).max(100).default(5),
  VISIT_BURST_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** Photos whose perceptual hashes differ in at most this many of 64 bits are the same picture. */
  VISIT_PHOTO_HASH_DISTANCE: z.coerce.number().int().min(0).max(32).default(6),

  // Reminders (app/modules/reminders/settings.server.ts turns these into ReminderSettings).
  /** How often the job scheduler scans PostgreSQL for visits and contracts that need a reminder. */
  REMINDER_SCAN_EVERY_MS: z.coerce.number().int().min(1000).default(300_000),
  /** "Due soon" means due within this many days. */
  REMINDER_DUE_WITHIN_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** Overdue by more than this many days → the planners of the smallest region above the station are told too. */
  REMINDER_ESCALATE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Contracts ending within this many days. */
  REMINDER_CONTRACT_ENDING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Shanghai wall-clock hours in which email and webhook wait: `22:00-08:00`, or `off`. */
  REMINDER_QUIET_HOURS: z
    .string()
    .trim()
    .regex(
      /^(|off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/,
      'expected a range like 22:00-08:00, or "off"',
    )
    .default("22:00-08:00"),
  /** Shanghai wall-clock time at which dated reminders go out. */
  REMINDER_SEND_TIME: z.string().regex(clockTime, "expected a time like 09:00").default("09:00"),
  /** Only reminders due within this many hours are copied into Redis; the rest wait in PostgreSQL. */
  REMINDER_WINDOW_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
  REMINDER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  REMINDER_BACKOFF_MS: z.coerce.number().int().min(10).default(60_000),
  REMINDER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** How long a worker holds a job before others may take it over (a killed worker's jobs restart after this). */
  REMINDER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Kinds also posted to the group robot; routine "due soon" reminders would flood a group chat. */
  REMINDER_WEBHOOK_KINDS: z
    .string()
    .default("visit_overdue,visit_escalation,follow_up_due,contract_ending,deliverable_behind")
    .transform((v) =>
      v
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    )
    .superRefine((kinds, ctx) => {
      for (const k of kinds)
        if (!(reminderKinds as readonly string[]).includes(k))
          ctx.addIssue({
            code: "custom",
            message: `unknown kind "${k}" (one of ${reminderKinds.join(", ")})`,
          });
    }),
});

/**
 * ioredis options for a REDIS_URL, to which each role adds its own (workers wait for Redis, producers fail fast). Used
 * by the app's producer and by the workers, so both follow a Sentinel failover the same way: ask the Sentinels for the
 * master, reconnect when they announce a new one (failoverDetector), and reconnect on READONLY (a master demoted under
 * an open connection) so the command goes to the new master.
 */
export function redisOptionsFor(url: string): RedisOptions {
  const target = parseRedisUrl(url);
  if (target.kind === "server") {
    const { kind: _kind, ...server } = target;
    return server;
  }
  const { kind: _kind, ...sentinel } = target;
  return {
    ...sentinel,
    role: "master",
    failoverDetector: true,
    sentinelRetryStrategy: (times) => Math.min(250 * times, 2000),
    reconnectOnError: (error) => (error.message.startsWith("READONLY") ? 2 : false),
  };
}

export type Env = z.infer<typeof envSchema> & { dataDir: string };

/**
 * Read-your-writes holds only if a session reads from the primary until every replica it may read from has the
 * write: a replica is used while its measured lag is under the limit, and that lag is up to one check old.
 */
const checkedEnvSchema = envSchema.superRefine((e, ctx) => {
  if (e.MAP_TILES === "tianditu" && !e.TIANDITU_KEY)
    ctx.addIssue({
      code: "custom",
      path: ["TIANDITU_KEY"],
      message: "MAP_TILES=tianditu needs a Tianditu key",
    });
  if (e.MAP_TILES === "custom" && !e.TILE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["TILE_URL"],
      message: "MAP_TILES=custom needs a tile URL template",
    });
  if (e.DATABASE_REPLICA_URLS.length > 0 && !e.DATABASE_URL)
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_REPLICA_URLS"],
      message: "replicas need DATABASE_URL (PostgreSQL) for the primary",
    });
  if (
    e.DATABASE_REPLICA_URLS.length > 0 &&
    e.DATABASE_READ_YOUR_WRITES_MS < e.DATABASE_REPLICA_MAX_LAG_MS + e.DATABASE_REPLICA_CHECK_MS
  )
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_READ_YOUR_WRITES_MS"],
      message: "must be at least DATABASE_REPLICA_MAX_LAG_MS + DATABASE_REPLICA_CHECK_MS",
    });
});

function parseEnv(): Env {
  const parsed = checkedEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    // why: the message names the variable and the rule, never the value (it may be a secret).
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment (see Configuration in README.md):\n${problems}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

let cached: Env | undefined;
/** Read lazily so tests can set variables before the first use. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
