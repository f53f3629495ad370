// Keeping a late write as a conflict (ADR 014): a step inside the write that found the row newer than the form, in
// the transaction that marks the form key used, so a resend of the same key gets the same conflict back.
import { type ConflictKind, conflicts } from "#db/schema";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import type { DbOrTx } from "~/utils/db.server";
import type { Conflicted } from "./conflicts";

/** The version a form was rendered from, when it sent one; old clients send none and are not checked. */
export function isStale(baseVersion: number | undefined, current: { version: number }): boolean {
  return baseVersion !== undefined && baseVersion !== current.version;
}

export async function storeConflict(
  tx: DbOrTx,
  {
    actor,
    kind,
    entityId,
    userId,
    personId = null,
    activityId = null,
    trainingId = null,
    stationId = null,
    baseVersion,
    theirVersion,
    theirs,
    yours,
  }: {
    actor: AuditActor;
    kind: ConflictKind;
    entityId: number;
    userId: number;
    personId?: number | null;
    activityId?: number | null;
    trainingId?: number | null;
    stationId?: number | null;
    baseVersion: number;
    theirVersion: number;
    theirs: Record<string, unknown>;
    yours: Record<string, unknown>;
  },
): Promise<Conflicted> {
  const [row] = await tx
    .insert(conflicts)
    .values({
      kind,
      entityId,
      userId,
      personId,
      activityId,
      trainingId,
      stationId,
      baseVersion,
      theirVersion,
      theirs: JSON.parse(JSON.stringify(theirs)),
      yours: JSON.parse(JSON.stringify(yours)),
    })
    .returning({ id: conflicts.id });
  await recordAudit(tx, actor, {
    action: "conflict.create",
    entityType: kind,
    entityId,
    changes: { conflictId: row.id, baseVersion, theirVersion },
  });
  return { conflict: { id: row.id, kind, entityId } };
}
