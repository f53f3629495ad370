// PostgreSQL errors as the app needs them, whichever driver raised them (postgres.js or PGlite) and however drizzle wrapped them.

export type PgErrorInfo = { code: string | null; constraint: string | null; message: string };

export function pgError(error: unknown): PgErrorInfo {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as {
      code?: unknown;
      constraint_name?: unknown;
      constraint?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
      const constraint =
        typeof e.constraint_name === "string"
          ? e.constraint_name
          : typeof e.constraint === "string"
            ? e.constraint
            : null;
      return { code: e.code, constraint, message: String(e.message ?? "") };
    }
    current = e.cause;
  }
  return { code: null, constraint: null, message: String((error as Error)?.message ?? error) };
}

export const PG = {
  uniqueViolation: "23505",
  checkViolation: "23514",
  exclusionViolation: "23P01",
  foreignKeyViolation: "23503",
  notNullViolation: "23502",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
} as const;

export function isConstraintError(error: unknown, constraint: string): boolean {
  return pgError(error).constraint === constraint;
}
