// Configuration from the environment, parsed once at boot so a bad value fails fast with a clear message.
import path from "node:path";
import { z } from "zod";

/** A setting that may be unset or empty; when given, it must pass `inner`. */
const optionalSetting = (inner: z.ZodString) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(inner.optional());

const optionalUrl = optionalSetting(z.string().url());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // A libpq-style URL; `postgresql://user@/db?host=/var/run/postgresql` (a Unix socket) has no host, which a URL check refuses.
  DATABASE_URL: optionalSetting(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, "expected postgres://… or postgresql://…"),
  ).optional(),
  /** Connections to PostgreSQL per process (ignored on PGlite). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default(".data"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  /** Prefix for every BullMQ key, so several installations (or test runs) can share one Redis. */
  QUEUE_PREFIX: z.string().default("snc"),
  SESSION_SECRET: z.string().min(32).optional(),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "DATA_KEY must be 64 hex characters (32 bytes)")
    .optional(),
  /** Set to 1 only for plain-HTTP deployments on a trusted network; cookies are Secure in production otherwise. */
  INSECURE_COOKIES: z.enum(["0", "1"]).default("0"),
  TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  TILE_ATTRIBUTION: z
    .string()
    .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'),
  TILE_CRS: z.enum(["wgs84", "gcj02"]).default("wgs84"),
  SMTP_URL: optionalUrl.optional(),
  MAIL_FROM: z.string().default("station-network@localhost"),
  WEBHOOK_URL: optionalUrl.optional(),
  /** Run the reminder workers inside the web process (always so on PGlite, which admits one connection). */
  IN_PROCESS_WORKERS: z.enum(["auto", "0", "1"]).default("auto"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string };

function parseEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
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
