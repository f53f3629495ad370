// Trainings as events with their participants: recording one, editing it, deleting it. Planners keep the trainings
// of the regions they manage (write:training, the region in the WHERE clause). An edit form rendered from an older
// version of the training is kept as a conflict for review, never applied over the newer row (ADR 014). Audited.
import { and, asc, eq, inArray } from "drizzle-orm";
import { regions, trainingParticipants, trainings, workers } from "#db/schema";
import { managedRegion, managedRegionById } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import type { Conflicted } from "~/modules/kernel/conflicts";
import { isStale, storeConflict } from "~/modules/kernel/conflicts.server";
import { fieldProblem } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { todayInShanghai } from "~/utils/dates";
import type { DbOrTx, Tx } from "~/utils/db.server";
import type { EditTrainingInput, TrainingInput } from "./schemas";
import { workersInScope } from "./scope.server";

type Base = Writer & { now?: Date };
type Training = typeof trainings.$inferSelect;

/** Checks the form against the register; answers the workers named as participants. */
async function checkedParticipants(tx: Tx, user: SessionUser, input: TrainingInput, now: Date) {
  if (!(await managedRegionById(user, input.regionId, tx)))
    refuse(fieldProblem("regionId", "validation.choice"));
  if (input.heldOn > todayInShanghai(now)) refuse(fieldProblem("heldOn", "validation.futureDate"));
  const workerIds = [...new Set(input.workerIds)].sort((a, b) => a - b);
  if (workerIds.length) {
    const seen = await tx
      .select({ id: workers.id })
      .from(workers)
      .where(and(inArray(workers.id, workerIds), workersInScope(user)));
    if (seen.length !== workerIds.length) refuse(fieldProblem("workerIds", "validation.choice"));
  }
  if (workerIds.length + input.outsideParticipants === 0)
    refuse(fieldProblem("workerIds", "workforce:errors.noParticipants"));
  return workerIds;
}

const columnsOf = (input: TrainingInput) => ({
  regionId: input.regionId,
  heldOn: input.heldOn,
  organizer: input.organizer,
  topic: input.topic,
  hours: input.hours,
  outsideParticipants: input.outsideParticipants,
  notes: input.notes ?? null,
});

async function participantIds(tx: DbOrTx, trainingId: number): Promise<number[]> {
  const rows = await tx
    .select({ workerId: trainingParticipants.workerId })
    .from(trainingParticipants)
    .where(eq(trainingParticipants.trainingId, trainingId))
    .orderBy(asc(trainingParticipants.workerId));
  return rows.map((r) => r.workerId);
}

export async function recordTraining({
  user,
  actor,
  key,
  input,
  now = new Date(),
}: Base & { input: TrainingInput }): Promise<WriteResult<{ id: number }> | null> {
  const action = "training.create";
  return write({ user, key, action }, async (tx) => {
    const workerIds = await checkedParticipants(tx, user, input, now);
    const [row] = await tx
      .insert(trainings)
      .values({ ...columnsOf(input), createdBy: user.id })
      .returning({ id: trainings.id });
    if (workerIds.length)
      await tx
        .insert(trainingParticipants)
        .values(workerIds.map((workerId) => ({ trainingId: row.id, workerId })));
    await recordAudit(tx, actor, {
      action,
      entityType: "training",
      entityId: row.id,
      changes: {
        heldOn: input.heldOn,
        organizer: input.organizer,
        topic: input.topic,
        hours: input.hours,
        workers: workerIds.length,
        outsideParticipants: input.outsideParticipants,
      },
    });
    return { id: row.id };
  });
}

/** The training locked for a change, when it was held in a region the user manages; null otherwise. */
export async function lockTraining(tx: Tx, user: SessionUser, trainingId: number): Promise<Training | null> {
  const [row] = await tx
    .select()
    .from(trainings)
    .where(and(eq(trainings.id, trainingId), managedRegion(user, trainings.regionId)))
    .for("update");
  return row ?? null;
}

/** A training as its edit form holds it: the step below takes it, and a conflict's merge starts from it. */
export async function trainingInput(tx: DbOrTx, row: Training): Promise<TrainingInput> {
  return {
    regionId: row.regionId,
    heldOn: row.heldOn,
    organizer: row.organizer,
    topic: row.topic,
    hours: row.hours,
    outsideParticipants: row.outsideParticipants,
    workerIds: await participantIds(tx, row.id),
    notes: row.notes ?? undefined,
  };
}

/** Names of the participants, for the two versions of a conflict side by side. */
async function participantNames(tx: DbOrTx, workerIds: number[]): Promise<string[]> {
  if (workerIds.length === 0) return [];
  const rows = await tx
    .select({ fullName: workers.fullName })
    .from(workers)
    .where(inArray(workers.id, workerIds))
    .orderBy(asc(workers.fullName));
  return rows.map((r) => r.fullName);
}

/** The training and its participants as a conflict shows them; the region by name. */
async function described(tx: DbOrTx, input: TrainingInput): Promise<Record<string, unknown>> {
  const [region] = await tx
    .select({ name: regions.name })
    .from(regions)
    .where(eq(regions.id, input.regionId));
  return {
    ...input,
    regionName: region?.name ?? null,
    participantNames: await participantNames(tx, input.workerIds),
  };
}

/**
 * The step that applies an edit to a locked training the user keeps: the same checks as recording one, the
 * participants replaced, an audit entry of what changed. Used by the edit form and by a conflict kept as "mine".
 */
export async function changeTraining(
  tx: Tx,
  {
    user,
    actor,
    current,
    input,
    now,
  }: { user: SessionUser; actor: AuditActor; current: Training; input: TrainingInput; now: Date },
): Promise<void> {
  const workerIds = await checkedParticipants(tx, user, input, now);
  const before = await participantIds(tx, current.id);
  const columns = columnsOf(input);
  await tx
    .update(trainings)
    .set({ ...columns, editedAt: now })
    .where(eq(trainings.id, current.id));
  await tx.delete(trainingParticipants).where(eq(trainingParticipants.trainingId, current.id));
  if (workerIds.length)
    await tx
      .insert(trainingParticipants)
      .values(workerIds.map((workerId) => ({ trainingId: current.id, workerId })));
  const changes: Record<string, unknown> = diffChanges(current, columns);
  if (before.join(",") !== workerIds.join(","))
    changes.workers = { from: before.length, to: workerIds.length };
  await recordAudit(tx, actor, {
    action: "training.update",
    entityType: "training",
    entityId: current.id,
    changes,
  });
}

export async function updateTraining({
  user,
  actor,
  key,
  trainingId,
  input: { baseVersion, ...fields },
  now = new Date(),
}: Base & { trainingId: number; input: EditTrainingInput }): Promise<WriteResult<
  { id: number; heldOn: string } | Conflicted
> | null> {
  return write({ user, key, action: "training.update" }, async (tx) => {
    const current = await lockTraining(tx, user, trainingId);
    if (!current) return null;
    if (isStale(baseVersion, current))
      return storeConflict(tx, {
        actor,
        kind: "training",
        entityId: trainingId,
        userId: user.id,
        trainingId,
        baseVersion: baseVersion ?? current.version,
        theirVersion: current.version,
        theirs: { ...(await described(tx, await trainingInput(tx, current))), version: current.version },
        yours: await described(tx, fields),
      });
    await changeTraining(tx, { user, actor, current, input: fields, now });
    return { id: trainingId, heldOn: fields.heldOn };
  });
}

export async function deleteTraining({
  user,
  actor,
  key,
  trainingId,
}: Base & { trainingId: number }): Promise<WriteResult<{ id: number; heldOn: string }> | null> {
  return write({ user, key, action: "training.delete" }, async (tx) => {
    const current = await lockTraining(tx, user, trainingId);
    if (!current) return null;
    const workerIds = await participantIds(tx, trainingId);
    // The participants go with it (cascade), and so does any conflict still open about it.
    await tx.delete(trainings).where(eq(trainings.id, trainingId));
    await recordAudit(tx, actor, {
      action: "training.delete",
      entityType: "training",
      entityId: trainingId,
      changes: {
        heldOn: current.heldOn,
        organizer: current.organizer,
        topic: current.topic,
        hours: current.hours,
        workers: workerIds.length,
        outsideParticipants: current.outsideParticipants,
      },
    });
    return { id: trainingId, heldOn: current.heldOn };
  });
}
