// Recording what happened on a visit, honestly: seen (visited, needs follow-up) schedules the next routine visit and
// any follow-up; not at home tries again soon; hospitalised pauses the cadence until the return date; moved starts a
// transfer and stops this station's visits; deceased closes the file. The structured record, its referrals and the
// plausibility checks are stored in the same transaction. A form based on an older version of the visit is kept as a
// conflict instead (ADR 014).
import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { people, referrals, users, type VisitOutcome, visitPhotos, visits } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import type { Conflicted } from "~/modules/kernel/conflicts";
import { isStale, storeConflict } from "~/modules/kernel/conflicts.server";
import { formProblem } from "~/modules/kernel/messages";
import { refuse } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { cancelVisitReminders } from "~/modules/reminders/scan.server";
import {
  type PreparedPhoto,
  plannedPhotos,
  removeFiles,
  writePhotoFiles,
} from "~/modules/uploads/photos.server";
import { todayInShanghai } from "~/utils/dates";
import type { DbOrTx } from "~/utils/db.server";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import { cancelOpenVisits, lockVisit, planReminders, visitWrite, type Writer } from "./mutations.server";
import { checkPlausibility } from "./plausibility.server";
import { type RecordFormValues, recordFromForm } from "./record";
import { intervalForPerson } from "./rules.server";
import { nextRoutineDueOn, statusForOutcome } from "./schedule";
import { startTransfer } from "./transfers.server";

export type OutcomeInput = Partial<RecordFormValues> & {
  outcome: VisitOutcome;
  visitedOn: string;
  visitedTime?: string;
  notes?: string;
  followUpReason?: string;
  followUpOn?: string;
  returnOn?: string;
  toStationId?: number;
  destination?: string;
  lat?: number;
  lng?: number;
  gpsAccuracy?: number;
  deviceTime?: string;
  /** The visit's version the form was rendered from; absent: not checked (ADR 014). */
  baseVersion?: number;
};

export type Recorded = {
  id: number;
  nextVisitId: number | null;
  nextDueOn: string | null;
  followUpVisitId: number | null;
  transferId: number | null;
  flags: number;
};

type Visit = typeof visits.$inferSelect;

/**
 * Records what happened. A form whose `baseVersion` is not the visit's version any more (someone recorded,
 * rescheduled or reassigned it meanwhile) is not applied but kept as a conflict; the route answers 409. Photos are
 * kept with the visit either way (what was seen in the home is never lost), written last; a failure removes them.
 */
export async function recordVisitOutcome({
  visitId,
  input,
  photos = [],
  ...writer
}: Writer & {
  visitId: number;
  input: OutcomeInput;
  photos?: PreparedPhoto[];
}): Promise<WriteResult<Recorded | Conflicted> | null> {
  const { user, actor, now = new Date() } = writer;
  const written: string[] = [];
  let result: WriteResult<Recorded | Conflicted> | null;
  try {
    result = await visitWrite(writer, "visit.record", async (tx): Promise<Recorded | Conflicted | null> => {
      const visit = await lockVisit(tx, user, visitId);
      if (!visit) return null;
      const stale =
        input.baseVersion !== undefined &&
        (isStale(input.baseVersion, visit) || visit.status !== "scheduled");
      if (!stale && visit.status !== "scheduled") refuse(formProblem("visits:errors.alreadyRecorded"));
      const photoIds = await storeVisitPhotos(tx, { visitId, photos, now, written });
      if (stale) return conflictOf(tx, { actor, userId: user.id, visit, input: { ...input, photoIds } });
      return applyOutcome(tx, { user, actor, visit, input, now });
    });
  } catch (error) {
    await removeFiles(written);
    throw error;
  }
  // A refusal rolled the rows back: their files go too.
  if (!result?.ok) await removeFiles(written);
  return result;
}

async function storeVisitPhotos(
  tx: DbOrTx,
  {
    visitId,
    photos,
    now,
    written,
  }: { visitId: number; photos: PreparedPhoto[]; now: Date; written: string[] },
): Promise<number[]> {
  if (photos.length === 0) return [];
  const planned = plannedPhotos(photos, now);
  const rows = await tx
    .insert(visitPhotos)
    .values(planned.rows.map((r) => ({ visitId, ...r })))
    .returning({ id: visitPhotos.id });
  await writePhotoFiles(planned.files, written);
  return rows.map((r) => r.id);
}

/** Keeps an outcome based on an older version of its visit as a conflict (also a household visit's, per member). */
export async function conflictOf(
  tx: DbOrTx,
  {
    actor,
    userId,
    visit,
    input,
  }: { actor: AuditActor; userId: number; visit: Visit; input: OutcomeInput & { photoIds: number[] } },
): Promise<Conflicted> {
  return storeConflict(tx, {
    actor,
    kind: "visit",
    entityId: visit.id,
    userId,
    personId: visit.personId,
    stationId: visit.stationId,
    baseVersion: input.baseVersion ?? visit.version,
    theirVersion: visit.version,
    theirs: await visitSnapshot(tx, visit.id),
    yours: { ...input },
  });
}

const assignee = alias(users, "assignee");
const completer = alias(users, "completer");

/** The visit as a conflict shows it ("theirs"). */
export async function visitSnapshot(tx: DbOrTx, visitId: number): Promise<Record<string, unknown>> {
  const [row] = await tx
    .select({
      status: visits.status,
      outcome: visits.outcome,
      outcomeReason: visits.outcomeReason,
      notes: visits.notes,
      dueOn: visits.dueOn,
      completedAt: visits.completedAt,
      assignedName: assignee.name,
      completedByName: completer.name,
      record: visits.record,
      version: visits.version,
    })
    .from(visits)
    .leftJoin(assignee, eq(assignee.id, visits.assignedUserId))
    .leftJoin(completer, eq(completer.id, visits.completedBy))
    .where(eq(visits.id, visitId));
  return { ...row, completedAt: row.completedAt?.toISOString() ?? null };
}

/**
 * The step that records an outcome on an open, locked visit: used by the form and by a conflict kept as "mine".
 * The caller checked scope and that the visit is open.
 */
export async function applyOutcome(
  tx: DbOrTx,
  {
    user,
    actor,
    visit,
    input,
    now,
  }: { user: SessionUser; actor: AuditActor; visit: Visit; input: OutcomeInput; now: Date },
): Promise<Recorded> {
  const { outcome, visitedOn, notes, followUpReason, followUpOn } = input;
  const today = todayInShanghai(now);
  const completedAt = input.visitedTime
    ? shanghaiInstant(visitedOn, input.visitedTime)
    : visitedOn === today
      ? now
      : shanghaiInstant(visitedOn, "12:00");
  const record = recordFromForm(input);
  const hasPosition = input.lat !== undefined && input.lng !== undefined;
  // why: the three statements go out together (one socket write and one wait instead of three; issue 17) and run one
  // after the other on the transaction's connection. The visit is locked already; the reminders' rows are this visit's
  // own, so the person's lock cannot wait on another outcome holding them.
  const recorded = tx
    .update(visits)
    .set({
      status: statusForOutcome(outcome),
      outcome,
      // An event visit keeps its event kind; a follow-up request carries its reason.
      outcomeReason: outcome === "needs_follow_up" ? (followUpReason ?? null) : visit.outcomeReason,
      // The reason a visit was planned (an event, a follow-up) stays in front of what was found.
      notes: [visit.notes, notes].filter(Boolean).join("\n") || null,
      completedAt,
      completedBy: user.id,
      record,
      returnOn: outcome === "hospitalised" ? (input.returnOn ?? null) : null,
      recordedAt: now,
      deviceTime: input.deviceTime ? new Date(input.deviceTime) : null,
      lat: hasPosition ? input.lat : null,
      lng: hasPosition ? input.lng : null,
      accuracyM: hasPosition ? (input.gpsAccuracy ?? null) : null,
    })
    .where(eq(visits.id, visit.id));
  const [, , [person]] = await Promise.all([
    recorded,
    cancelVisitReminders(tx, [visit.id]),
    tx.select({ status: people.status }).from(people).where(eq(people.id, visit.personId)).for("update"),
  ]);
  const recorderIsStaffHere = user.scope.kind === "station" && user.scope.facilityId === visit.stationId;
  // The routine cadence stays with whoever holds the caseload; a follow-up goes to whoever saw the need.
  const assignee = visit.assignedUserId ?? (recorderIsStaffHere ? user.id : null);
  const followUpAssignee = recorderIsStaffHere ? user.id : visit.assignedUserId;
  const active = person?.status === "active";

  let nextVisitId: number | null = null;
  let nextDueOn: string | null = null;
  let transferId: number | null = null;
  let cancelledVisitIds: number[] = [];
  if (outcome === "moved") {
    transferId = await startTransfer(tx, {
      personId: visit.personId,
      visitId: visit.id,
      fromStationId: visit.stationId,
      toStationId: input.toStationId ?? null,
      destination: input.destination ?? null,
      userId: user.id,
    });
    cancelledVisitIds = await cancelOpenVisits(tx, { personId: visit.personId });
  } else if (outcome === "deceased") {
    if (active)
      await tx
        .update(people)
        .set({ status: "deceased", statusOn: visitedOn, statusReason: notes ?? "走访时确认" })
        .where(eq(people.id, visit.personId));
    cancelledVisitIds = await cancelOpenVisits(tx, { personId: visit.personId });
  } else if (visit.kind === "routine" && active) {
    // Hospitalised: the cadence pauses until the person is expected home.
    nextDueOn =
      outcome === "hospitalised" && input.returnOn
        ? input.returnOn
        : nextRoutineDueOn({
            visitedOn,
            intervalDays: await intervalForPerson(tx, visit.personId),
            outcome,
          });
    const [next] = await tx
      .insert(visits)
      .values({
        personId: visit.personId,
        stationId: visit.stationId,
        assignedUserId: assignee,
        kind: "routine",
        dueOn: nextDueOn,
      })
      .returning({ id: visits.id });
    nextVisitId = next.id;
  } else if (outcome === "hospitalised" && input.returnOn && active) {
    nextDueOn = await pauseRoutineVisitUntil(tx, { personId: visit.personId, returnOn: input.returnOn, now });
  }
  let followUpVisitId: number | null = null;
  if (outcome === "needs_follow_up" && followUpOn && active) {
    const [followUp] = await tx
      .insert(visits)
      .values({
        personId: visit.personId,
        stationId: visit.stationId,
        assignedUserId: followUpAssignee,
        kind: "follow_up",
        dueOn: followUpOn,
        followUpOfId: visit.id,
        notes: followUpReason ?? null,
      })
      .returning({ id: visits.id });
    followUpVisitId = followUp.id;
  }
  if (record?.referrals.length)
    await tx.insert(referrals).values(
      record.referrals.map((r) => ({
        visitId: visit.id,
        personId: visit.personId,
        stationId: visit.stationId,
        kind: r.kind,
        note: r.note,
        createdBy: user.id,
      })),
    );
  await planReminders(
    tx,
    now,
    [nextVisitId, followUpVisitId].filter((id): id is number => id !== null),
  );
  const flags = await checkPlausibility(tx, { visitId: visit.id, now });
  await recordAudit(tx, actor, {
    action: "visit.record",
    entityType: "visit",
    entityId: visit.id,
    changes: {
      outcome,
      visitedOn,
      nextDueOn,
      followUpOn: followUpOn ?? null,
      followUpVisitId,
      nextVisitId,
      transferId,
      cancelledVisitIds,
      record: record ? { needs: record.needs, referrals: record.referrals.map((r) => r.kind) } : null,
      position: hasPosition,
      flags,
    },
    reason: followUpReason ?? null,
  });
  return { id: visit.id, nextVisitId, nextDueOn, followUpVisitId, transferId, flags };
}

/** The open routine visit moves to the return day when it was due earlier; answers its due date. */
async function pauseRoutineVisitUntil(
  tx: DbOrTx,
  { personId, returnOn, now }: { personId: number; returnOn: string; now: Date },
): Promise<string | null> {
  const [open] = await tx
    .select({ id: visits.id, dueOn: visits.dueOn })
    .from(visits)
    .where(and(eq(visits.personId, personId), eq(visits.status, "scheduled"), eq(visits.kind, "routine")))
    .for("update");
  if (!open) return null;
  if (open.dueOn >= returnOn) return open.dueOn;
  await tx.update(visits).set({ dueOn: returnOn }).where(eq(visits.id, open.id));
  await cancelVisitReminders(tx, [open.id]);
  await planReminders(tx, now, [open.id]);
  return returnOn;
}
