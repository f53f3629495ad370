// The append-only, hash-chained audit log: every write, every reveal of sensitive data, every sign-in.
// Each row's hash covers its content and the previous row's hash in its chain, so editing or deleting a row breaks
// the chain. There are AUDIT_CHAINS chains side by side (decision 007), so concurrent writes do not wait for each other.
import { createHash, randomInt } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { asc, desc, eq, gt, sql } from "drizzle-orm";
import { auditLog } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { type DbOrTx, db as defaultDb, primaryDb, queryRows } from "~/utils/db.server";
import { clientIp } from "~/utils/http.server";
import { maskIdNumbersIn } from "~/utils/id-number-mask";
import { AUDIT_CHAIN_LOCK, AUDIT_CHAINS } from "./constants";

export type AuditActor = { actorUserId: number | null; ip: string | null; requestId: string | null };

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  changes?: Record<string, unknown> | null;
  reason?: string | null;
};

/** Who did it and from where, read once from the request. */
export function auditActor(
  request: Request,
  context: AppLoadContext | undefined,
  user: Pick<SessionUser, "id"> | null,
): AuditActor {
  return { actorUserId: user?.id ?? null, ip: clientIp(request), requestId: context?.requestId ?? null };
}

/**
 * The entry's texts with every ID number masked, however it was typed: a reason, a search text or a file name may
 * hold one, and the log is append-only, so nothing in clear may ever reach it. Hex digests (a file's SHA-256) are
 * kept as they are.
 */
function withoutIdNumbers<T>(value: T): T {
  if (typeof value === "string")
    return (/^[0-9a-f]{32,}$/i.test(value) ? value : maskIdNumbersIn(value)) as T;
  if (Array.isArray(value)) return value.map(withoutIdNumbers) as T;
  if (value && typeof value === "object" && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutIdNumbers(v)]),
    ) as T;
  return value;
}

/** JSON with keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function rowHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(row)).digest("hex");
}

function hashedFields(r: {
  at: Date;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: unknown;
  reason: string | null;
}) {
  return {
    at: r.at.toISOString(),
    actor: r.actorUserId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    changes: r.changes ?? null,
    reason: r.reason,
  };
}

/** The chain a transaction already appends to: a second entry in the same transaction goes to the same chain. */
const chainOfTransaction = new WeakMap<object, number>();

/**
 * Takes a chain for this transaction: the first free one from a random start (`pg_try_advisory_xact_lock`, no wait);
 * only when every chain is held by an open transaction does it wait, for a random one. A transaction never waits while
 * holding a chain, so chain locks cannot deadlock.
 */
async function takeChain(tx: DbOrTx): Promise<number> {
  const held = chainOfTransaction.get(tx);
  if (held !== undefined) return held;
  const start = randomInt(AUDIT_CHAINS);
  const [free] = await queryRows<{ chain: number }>(
    tx,
    sql`select (s % ${AUDIT_CHAINS})::int as chain from generate_series(${start}::int, ${start + AUDIT_CHAINS - 1}::int) s
        where pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int, (s % ${AUDIT_CHAINS})::int) limit 1`,
  );
  let chain = free?.chain;
  if (chain === undefined) {
    chain = start;
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int, ${chain}::int)`);
  }
  chainOfTransaction.set(tx, chain);
  return chain;
}

/**
 * Appends one entry. Call it inside the transaction that makes the change, as its last step:
 * the chain's lock is held until that transaction commits, so the next entry of the chain sees this one.
 */
export async function recordAudit(tx: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const chain = await takeChain(tx);
  // why: a new statement after the lock, so (read committed) it sees the chain's last committed entry.
  const [last] = await tx
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.chain, chain))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const prevHash = last?.hash ?? "";
  const at = new Date();
  const row = {
    at,
    actorUserId: actor.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : withoutIdNumbers(String(entry.entityId)),
    changes: withoutIdNumbers(entry.changes ?? null),
    reason: withoutIdNumbers(entry.reason ?? null),
  };
  await tx.insert(auditLog).values({
    ...row,
    ip: actor.ip,
    requestId: actor.requestId,
    prevHash,
    hash: rowHash(prevHash, hashedFields(row)),
    chain,
  });
}

/** Appends an entry in its own transaction, for events with no other write (reveals, exports, sign-ins). */
export async function recordAuditNow(actor: AuditActor, entry: AuditEntry): Promise<void> {
  await defaultDb.transaction((tx) => recordAudit(tx, actor, entry));
}

/**
 * Walks every chain (in one pass in id order); returns the first broken row id, or null when all are intact. On the
 * primary, never a replica: a verdict on the chain must cover its latest entries.
 */
export async function verifyAuditChain(
  db: DbOrTx = primaryDb,
): Promise<{ checked: number; brokenAt: number | null }> {
  const lastHashOf = new Map<number, string>();
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(5000);
    if (batch.length === 0) return { checked, brokenAt: null };
    for (const r of batch) {
      const prevHash = lastHashOf.get(r.chain) ?? "";
      const expected = rowHash(prevHash, hashedFields(r));
      if (r.prevHash !== prevHash || r.hash !== expected) return { checked, brokenAt: r.id };
      lastHashOf.set(r.chain, r.hash);
      lastId = r.id;
      checked++;
    }
  }
}
