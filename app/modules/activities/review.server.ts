// Changing an activity after it was logged: direct edits inside the edit window, edit requests a planner decides
// after it, soft deletes, and the flag conversation between planners and organizations. Every write is audited.
import { and, eq, isNull, ne } from "drizzle-orm";
import { activities, activityEditRequests, activityFlags, contracts } from "#db/schema";
import { activitiesInScope, ownsActivities } from "~/modules/access/activity-scope.server";
import { roleHas } from "~/modules/access/permissions";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import type { Conflicted } from "~/modules/kernel/conflicts";
import { isStale, storeConflict } from "~/modules/kernel/conflicts.server";
import { formProblem, type Message, message } from "~/modules/kernel/messages";
import { refuse, type Writer, write, writeWithoutKey } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { lockedMonthOf } from "~/modules/signoff/lock.server";
import type { Tx } from "~/utils/db.server";
import {
  type ActivityChanges,
  diffActivity,
  type EditableField,
  editableFields,
  editableValues,
  editNeedsApproval,
} from "./edit-window";
import { occurredOnProblem } from "./log.server";
import { notifyOrganization, notifyUser } from "./notify.server";
import type { EditActivityInput } from "./schemas";

/** The live activity in scope, locked for the rest of the transaction; null when out of scope or deleted. */
export async function lockActivity(tx: Tx, user: SessionUser, id: number) {
  const [row] = await tx
    .select({
      activity: activities,
      contract: { startsOn: contracts.startsOn, endsOn: contracts.endsOn },
    })
    .from(activities)
    .innerJoin(contracts, eq(contracts.id, activities.contractId))
    .where(and(eq(activities.id, id), isNull(activities.deletedAt), activitiesInScope(user)))
    .for("update", { of: activities });
  return row ?? null;
}

type Values = Record<EditableField, string | number>;

/** Checks that need the contract and the clock; the form schema already checked the rest. */
function checkAgainstContract(values: Values, contract: { startsOn: string; endsOn: string }, now: Date) {
  const fieldErrors: Record<string, Message[]> = {};
  const dayProblem = occurredOnProblem(String(values.occurredOn), contract, now);
  if (dayProblem) fieldErrors.occurredOn = [dayProblem];
  if (Number(values.personTimes) < Number(values.participants))
    fieldErrors.personTimes = ["activities:errors.personTimesBelowParticipants"];
  if (Object.keys(fieldErrors).length > 0) refuse({ fieldErrors });
}

/** An approved (signed-off) month is locked: nothing dated in it changes until a planner reopens it. */
async function refuseInLockedMonth(tx: Tx, contractId: number, days: string[]) {
  const locked = await lockedMonthOf(tx, contractId, days);
  if (locked) refuse(formProblem(message("activities:errors.monthLocked", { month: locked })));
}

function applyValues(values: Values) {
  return {
    occurredOn: String(values.occurredOn),
    kind: values.kind as (typeof activities.$inferInsert)["kind"],
    participants: Number(values.participants),
    personTimes: Number(values.personTimes),
    hours: Number(values.hours).toFixed(1),
    summary: String(values.summary),
  };
}

export type EditOutcome = "applied" | "requested" | "unchanged";

/** The edit form's values of an activity, as a conflict shows them ("theirs"). */
function editableSnapshot(a: typeof activities.$inferSelect): Record<string, unknown> {
  return { ...editableValues(a), version: a.version };
}

/**
 * The organization changes its activity: at once inside the edit window, otherwise as a request a planner
 * approves (with a reason). One pending request per activity at a time. A form rendered from an older version of
 * the activity (`baseVersion`, ADR 014) is kept as a conflict instead.
 */
export async function editActivity({
  user,
  actor,
  key,
  id,
  input: { baseVersion, ...input },
  now = new Date(),
}: Writer & { id: number; input: EditActivityInput; now?: Date }): Promise<WriteResult<
  { outcome: EditOutcome } | Conflicted
> | null> {
  return write({ user, key, action: "activity.edit" }, async (tx) => {
    const locked = await lockActivity(tx, user, id);
    if (!locked || !ownsActivities(user, locked.activity.organizationId)) return null;
    if (baseVersion !== undefined && isStale(baseVersion, locked.activity))
      return storeConflict(tx, {
        actor,
        kind: "activity",
        entityId: id,
        userId: user.id,
        activityId: id,
        stationId: locked.activity.facilityId,
        baseVersion,
        theirVersion: locked.activity.version,
        theirs: editableSnapshot(locked.activity),
        yours: { ...input },
      });
    return { outcome: await changeActivity(tx, { actor, user, locked, input, now }) };
  });
}

/** The step that applies an edit to a locked activity: used by the form and by a conflict kept as "mine". */
export async function changeActivity(
  tx: Tx,
  {
    user,
    actor,
    locked: { activity, contract },
    input,
    now,
  }: {
    user: SessionUser;
    actor: AuditActor;
    locked: NonNullable<Awaited<ReturnType<typeof lockActivity>>>;
    input: Omit<EditActivityInput, "baseVersion">;
    now: Date;
  },
): Promise<EditOutcome> {
  const id = activity.id;
  const next: Values = {
    occurredOn: input.occurredOn,
    kind: input.kind,
    participants: input.participants,
    personTimes: input.personTimes,
    hours: input.hours,
    summary: input.summary,
  };
  checkAgainstContract(next, contract, now);
  const changes = diffActivity(editableValues(activity), next);
  if (Object.keys(changes).length === 0) return "unchanged";
  await refuseInLockedMonth(tx, activity.contractId, [activity.occurredOn, String(next.occurredOn)]);
  if (!editNeedsApproval(activity.createdAt, now)) {
    await tx
      .update(activities)
      .set({ ...applyValues(next), updatedAt: now })
      .where(eq(activities.id, id));
    await recordAudit(tx, actor, {
      action: "activity.edit",
      entityType: "activity",
      entityId: id,
      changes,
    });
    return "applied";
  }
  if (!input.reason) refuse({ fieldErrors: { reason: ["activities:errors.reasonRequired"] } });
  const [pending] = await tx
    .select({ id: activityEditRequests.id })
    .from(activityEditRequests)
    .where(and(eq(activityEditRequests.activityId, id), eq(activityEditRequests.status, "pending")));
  if (pending) refuse(formProblem("activities:errors.editPending"));
  const [request] = await tx
    .insert(activityEditRequests)
    .values({ activityId: id, changes, reason: input.reason, requestedBy: user.id })
    .returning({ id: activityEditRequests.id });
  await recordAudit(tx, actor, {
    action: "activity.edit_requested",
    entityType: "activity",
    entityId: id,
    changes: { requestId: request.id, ...changes },
    reason: input.reason,
  });
  return "requested";
}

/** A planner approves (the changes are applied, re-checked against the contract) or rejects an edit request. */
export async function decideEditRequest({
  user,
  actor,
  activityId,
  requestId,
  decision,
  note,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  activityId: number;
  requestId: number;
  decision: "approved" | "rejected";
  note?: string;
  now?: Date;
}): Promise<WriteResult<{ requestId: number }> | null> {
  return writeWithoutKey({}, async (tx) => {
    const locked = await lockActivity(tx, user, activityId);
    if (!locked) return null;
    const { activity, contract } = locked;
    // why: the conditional update is the race guard: two planners deciding at once, only one wins.
    const [request] = await tx
      .update(activityEditRequests)
      .set({ status: decision, decidedBy: user.id, decidedAt: now })
      .where(
        and(
          eq(activityEditRequests.id, requestId),
          eq(activityEditRequests.activityId, activityId),
          eq(activityEditRequests.status, "pending"),
        ),
      )
      .returning();
    if (!request) refuse(formProblem("activities:errors.requestAlreadyDecided"));
    const changes = request.changes as ActivityChanges;
    if (decision === "approved") {
      const next: Values = editableValues(activity);
      for (const field of editableFields) {
        const change = changes[field];
        if (change) next[field] = change.to;
      }
      checkAgainstContract(next, contract, now);
      await refuseInLockedMonth(tx, activity.contractId, [activity.occurredOn, String(next.occurredOn)]);
      await tx
        .update(activities)
        .set({ ...applyValues(next), updatedAt: now })
        .where(eq(activities.id, activityId));
    }
    await notifyUser(tx, request.requestedBy, {
      key: decision === "approved" ? "editApproved" : "editRejected",
      params: { date: activity.occurredOn },
      body: note ?? null,
      link: `/activities/${activityId}`,
    });
    await recordAudit(tx, actor, {
      action: decision === "approved" ? "activity.edit_approved" : "activity.edit_rejected",
      entityType: "activity",
      entityId: activityId,
      changes: { requestId, ...changes },
      reason: note ?? null,
    });
    return { requestId };
  });
}

/**
 * Soft delete with a reason: the organization inside its edit window, planners at any time.
 * The row stays (reports of past periods must not change silently), hidden from lists and counts.
 */
export async function deleteActivity({
  user,
  actor,
  id,
  reason,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
  reason: string;
  now?: Date;
}): Promise<WriteResult<{ id: number }> | null> {
  return writeWithoutKey({}, async (tx) => {
    const locked = await lockActivity(tx, user, id);
    const reviewer = roleHas(user.role, "review:activity");
    if (!locked || (!reviewer && !ownsActivities(user, locked.activity.organizationId))) return null;
    const { activity } = locked;
    if (!reviewer && editNeedsApproval(activity.createdAt, now))
      refuse(formProblem("activities:errors.deleteWindowPassed"));
    await refuseInLockedMonth(tx, activity.contractId, [activity.occurredOn]);
    await tx
      .update(activities)
      .set({ deletedAt: now, deletedBy: user.id })
      .where(and(eq(activities.id, id), isNull(activities.deletedAt)));
    await tx
      .update(activityEditRequests)
      .set({ status: "rejected", decidedBy: user.id, decidedAt: now })
      .where(and(eq(activityEditRequests.activityId, id), eq(activityEditRequests.status, "pending")));
    await recordAudit(tx, actor, {
      action: "activity.delete",
      entityType: "activity",
      entityId: id,
      changes: { occurredOn: activity.occurredOn, kind: activity.kind, personTimes: activity.personTimes },
      reason,
    });
    return { id };
  });
}

/** A planner questions an activity; the organization's staff are notified. */
export async function flagActivity({
  user,
  actor,
  id,
  comment,
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
  comment: string;
}): Promise<WriteResult<{ flagId: number }> | null> {
  return writeWithoutKey({}, async (tx) => {
    const locked = await lockActivity(tx, user, id);
    if (!locked) return null;
    const { activity } = locked;
    const [flag] = await tx
      .insert(activityFlags)
      .values({ activityId: id, comment, flaggedBy: user.id })
      .returning({ id: activityFlags.id });
    await notifyOrganization(tx, activity.organizationId, {
      key: "flagged",
      params: { date: activity.occurredOn },
      body: comment,
      link: `/activities/${id}`,
    });
    await recordAudit(tx, actor, {
      action: "activity.flag",
      entityType: "activity",
      entityId: id,
      changes: { flagId: flag.id, comment },
    });
    return { flagId: flag.id };
  });
}

/** The organization answers a flag (again, if the planner asks further); the planner who flagged is notified. */
export async function answerFlag({
  user,
  actor,
  activityId,
  flagId,
  response,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  activityId: number;
  flagId: number;
  response: string;
  now?: Date;
}): Promise<WriteResult<{ flagId: number }> | null> {
  return writeWithoutKey({}, async (tx) => {
    const locked = await lockActivity(tx, user, activityId);
    if (!locked || !ownsActivities(user, locked.activity.organizationId)) return null;
    const { activity } = locked;
    const [flag] = await tx
      .update(activityFlags)
      .set({ response, respondedBy: user.id, respondedAt: now, status: "answered" })
      .where(
        and(
          eq(activityFlags.id, flagId),
          eq(activityFlags.activityId, activityId),
          ne(activityFlags.status, "resolved"),
        ),
      )
      .returning({ flaggedBy: activityFlags.flaggedBy });
    if (!flag) refuse(formProblem("activities:errors.flagClosed"));
    await notifyUser(tx, flag.flaggedBy, {
      key: "answered",
      params: { date: activity.occurredOn },
      body: response,
      link: `/activities/${activityId}`,
    });
    await recordAudit(tx, actor, {
      action: "activity.flag_answer",
      entityType: "activity",
      entityId: activityId,
      changes: { flagId, response },
    });
    return { flagId };
  });
}

/** A planner closes a flag once satisfied. */
export async function resolveFlag({
  user,
  actor,
  activityId,
  flagId,
  now = new Date(),
}: {
  user: SessionUser;
  actor: AuditActor;
  activityId: number;
  flagId: number;
  now?: Date;
}): Promise<WriteResult<{ flagId: number }> | null> {
  return writeWithoutKey({}, async (tx) => {
    if (!(await lockActivity(tx, user, activityId))) return null;
    const [flag] = await tx
      .update(activityFlags)
      .set({ status: "resolved", resolvedAt: now })
      .where(
        and(
          eq(activityFlags.id, flagId),
          eq(activityFlags.activityId, activityId),
          ne(activityFlags.status, "resolved"),
        ),
      )
      .returning({ id: activityFlags.id });
    if (!flag) refuse(formProblem("activities:errors.flagClosed"));
    await recordAudit(tx, actor, {
      action: "activity.flag_resolve",
      entityType: "activity",
      entityId: activityId,
      changes: { flagId },
    });
    return { flagId };
  });
}
