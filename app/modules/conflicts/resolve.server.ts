// Settling a conflict (ADR 014): keep theirs (the late write is dropped), keep mine (applied over the current row
// through the owning module's step, audited), or, for visits, activities and trainings, merge the notes (both kept).
import { and, eq } from "drizzle-orm";
import { type ConflictResolution, conflicts, visits } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { changeActivity, lockActivity } from "~/modules/activities/review.server";
import type { EditActivityInput } from "~/modules/activities/schemas";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { formProblem } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { lockPerson, type PersonInput, updatePerson } from "~/modules/people/mutations.server";
import { lockVisit } from "~/modules/visits/mutations.server";
import { applyOutcome, type OutcomeInput } from "~/modules/visits/outcome.server";
import { recordFromForm } from "~/modules/visits/record";
import { statusForOutcome } from "~/modules/visits/schedule";
import type { TrainingInput } from "~/modules/workforce/schemas";
import { changeTraining, lockTraining, trainingInput } from "~/modules/workforce/trainings.server";
import type { Tx } from "~/utils/db.server";
import { conflictsInScope } from "./queries.server";

export type Resolution = "keep_theirs" | "keep_mine" | "merge_notes";

const resolutionOf: Record<Resolution, ConflictResolution> = {
  keep_theirs: "theirs",
  keep_mine: "mine",
  merge_notes: "merged",
};

const joinNotes = (...texts: unknown[]) =>
  texts.filter((t): t is string => typeof t === "string" && t.trim() !== "").join("\n") || null;

export async function resolveConflict({
  user,
  actor,
  key,
  conflictId,
  resolution,
  now = new Date(),
}: Writer & { conflictId: number; resolution: Resolution; now?: Date }): Promise<WriteResult<{
  id: number;
  kind: string;
  entityId: number;
}> | null> {
  return write({ user, key, action: "conflict.resolve" }, async (tx) => {
    const [conflict] = await tx
      .select()
      .from(conflicts)
      .where(and(eq(conflicts.id, conflictId), conflictsInScope(user)))
      .for("update");
    if (!conflict) return null;
    if (conflict.status !== "open") refuse(formProblem("conflicts:errors.resolved"));
    if (resolution === "merge_notes" && conflict.kind === "person")
      refuse(formProblem("conflicts:errors.noMerge"));
    if (resolution !== "keep_theirs")
      await applyMine(tx, { user, actor, conflict, merge: resolution === "merge_notes", now });
    await tx
      .update(conflicts)
      .set({ status: "resolved", resolution: resolutionOf[resolution], resolvedBy: user.id, resolvedAt: now })
      .where(eq(conflicts.id, conflictId));
    await recordAudit(tx, actor, {
      action: `conflict.${resolution}`,
      entityType: conflict.kind,
      entityId: conflict.entityId,
      changes: { conflictId, sentBy: conflict.userId },
    });
    return { id: conflictId, kind: conflict.kind, entityId: conflict.entityId };
  });
}

type Conflict = typeof conflicts.$inferSelect;

/** Applies the late write (or its notes merged into the current row) through the owning module's step. */
async function applyMine(
  tx: Tx,
  {
    user,
    actor,
    conflict,
    merge,
    now,
  }: { user: SessionUser; actor: AuditActor; conflict: Conflict; merge: boolean; now: Date },
) {
  const gone = () => refuse(formProblem("conflicts:errors.gone"));
  if (conflict.kind === "person") {
    const current = await lockPerson(tx, user, conflict.entityId);
    if (!current) return gone();
    await updatePerson(tx, { user, actor, current, input: conflict.yours as PersonInput, now });
    return;
  }
  if (conflict.kind === "training") {
    const current = await lockTraining(tx, user, conflict.entityId);
    if (!current) return gone();
    const yours = conflict.yours as TrainingInput;
    // A merge keeps the current training and its participants, with both notes.
    const input = merge
      ? { ...(await trainingInput(tx, current)), notes: joinNotes(current.notes, yours.notes) ?? undefined }
      : yours;
    await changeTraining(tx, { user, actor, current, input, now });
    return;
  }
  if (conflict.kind === "activity") {
    const locked = await lockActivity(tx, user, conflict.entityId);
    if (!locked) return gone();
    const yours = conflict.yours as Omit<EditActivityInput, "baseVersion">;
    const input = merge
      ? {
          ...(conflict.theirs as Omit<EditActivityInput, "baseVersion">),
          ...pickCurrent(locked.activity),
          summary: joinNotes(locked.activity.summary, yours.summary) ?? locked.activity.summary,
          reason: yours.reason,
        }
      : yours;
    await changeActivity(tx, { user, actor, locked, input, now });
    return;
  }
  const visit = await lockVisit(tx, user, conflict.entityId);
  if (!visit) return gone();
  const { baseVersion: _base, ...yours } = conflict.yours as OutcomeInput;
  if (visit.status === "scheduled") {
    // Still open (it was rescheduled or reassigned): recording it keeps the planned notes in front of the new ones.
    await applyOutcome(tx, { user, actor, visit, input: yours, now });
    await tx.update(visits).set({ completedBy: conflict.userId }).where(eq(visits.id, visit.id));
    return;
  }
  // Already recorded by someone else: the follow-ups and next visit they planned stay; only what was found changes.
  await tx
    .update(visits)
    .set(
      merge
        ? { notes: joinNotes(visit.notes, yours.notes), record: visit.record ?? recordFromForm(yours) }
        : {
            status: statusForOutcome(yours.outcome),
            outcome: yours.outcome,
            notes: joinNotes(yours.notes),
            record: recordFromForm(yours),
            completedBy: conflict.userId,
          },
    )
    .where(eq(visits.id, visit.id));
  await recordAudit(tx, actor, {
    action: merge ? "visit.notes_merged" : "visit.record_replaced",
    entityType: "visit",
    entityId: visit.id,
    changes: { conflictId: conflict.id, outcome: [visit.outcome, merge ? visit.outcome : yours.outcome] },
  });
}

/** An activity's current figures, so a merge keeps them and changes only the text. */
function pickCurrent(a: {
  occurredOn: string;
  kind: string;
  participants: number;
  personTimes: number;
  hours: string;
}) {
  return {
    occurredOn: a.occurredOn,
    kind: a.kind as EditActivityInput["kind"],
    participants: a.participants,
    personTimes: a.personTimes,
    hours: Number(a.hours),
  };
}
