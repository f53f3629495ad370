// The append-only, hash-chained audit log: every write, every reveal of sensitive data, every sign-in.
// Each row's hash covers its content and the previous row's hash, so editing or deleting a row breaks the chain.
import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { asc, desc, gt, sql } from "drizzle-orm";
import { auditLog } from "#db/schema";
import { clientIp } from "~/modules/auth/session.server";
import type { SessionUser } from "~/modules/auth/types";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";

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

const AUDIT_CHAIN_LOCK = 727275;

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

/**
 * Appends one entry. Call it inside the transaction that makes the change, as its last step:
 * the chain lock is held until that transaction commits.
 */
export async function recordAudit(tx: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? "";
  const at = new Date();
  const row = {
    at,
    actorUserId: actor.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    changes: entry.changes ?? null,
    reason: entry.reason ?? null,
  };
  await tx.insert(auditLog).values({
    ...row,
    ip: actor.ip,
    requestId: actor.requestId,
    prevHash,
    hash: rowHash(prevHash, hashedFields(row)),
  });
}

/** Appends an entry in its own transaction, for events with no other write (reveals, exports, sign-ins). */
export async function recordAuditNow(actor: AuditActor, entry: AuditEntry): Promise<void> {
  await defaultDb.transaction((tx) => recordAudit(tx, actor, entry));
}

/** Walks the whole chain; returns the first broken row id, or null when intact. */
export async function verifyAuditChain(
  db: DbOrTx = defaultDb,
): Promise<{ checked: number; brokenAt: number | null }> {
  let prevHash = "";
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
      const expected = rowHash(prevHash, hashedFields(r));
      if (r.prevHash !== prevHash || r.hash !== expected) return { checked, brokenAt: r.id };
      prevHash = r.hash;
      lastId = r.id;
      checked++;
    }
  }
}
