// Writing visits: schedule, reschedule, assign, record an outcome (which schedules the next routine visit and any
// follow-up), event visits after a major event, a village's people on one day, and visits credited by activities.
// The exported writes own their transaction and form key (ADR 008); the steps that take a `tx` compose into other
// modules' writes. Each checks scope in its WHERE clause, plans or withdraws reminders in the outbox, and writes its
// audit entry last.
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { people, users, visits } from "#db/schema";
import { peopleInScope, visitsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { formProblem } from "~/modules/kernel/messages";
import { type Writer as KernelWriter, refuse, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { nudgeReminders } from "~/modules/reminders/queue.server";
import { cancelVisitReminders, planVisitReminders } from "~/modules/reminders/scan.server";
import { reminderSettings } from "~/modules/reminders/settings.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import { intervalForPerson, intervalsForPeople } from "./rules.server";
import { eventVisitDue, nextRoutineDueOn } from "./schedule";

/** Who writes, with which form key (ADR 008), and the clock the write reads. */
export type Writer = KernelWriter & { now?: Date };

/** Runs a write once per form key; once it committed, the reminder scheduler wakes for the visits it planned. */
export async function visitWrite<T extends Record<string, unknown>>(
  { user, key }: Writer,
  action: string,
  work: (tx: Tx) => Promise<T | null>,
): Promise<WriteResult<T> | null> {
  const result = await write({ user, key, action }, work);
  if (result?.ok) void nudgeReminders();
  return result;
}

export async function planReminders(db: DbOrTx, now: Date, visitIds: number[]) {
  if (visitIds.length) await planVisitReminders({ db, now, settings: reminderSettings() }, visitIds);
}

/** A visit the user may change, locked for the rest of the transaction; null when it is outside their scope. */
export async function lockVisit(tx: DbOrTx, user: SessionUser, visitId: number) {
  const [row] = await tx
    .select({ visit: visits })
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .where(and(eq(visits.id, visitId), visitsInScope(user), peopleInScope(user)))
    .for("update", { of: visits });
  return row?.visit ?? null;
}

/** An open visit the user may change, locked; null outside their scope, refused with `closedKey` when closed. */
async function lockOpenVisit(tx: DbOrTx, user: SessionUser, visitId: number, closedKey: string) {
  const visit = await lockVisit(tx, user, visitId);
  if (visit && visit.status !== "scheduled") refuse(formProblem(closedKey));
  return visit;
}

/** A person the user may schedule visits for, locked; null outside scope, refused unless active with a station. */
async function lockVisitedPerson(tx: DbOrTx, user: SessionUser, personId: number) {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.id, personId), peopleInScope(user)))
    .for("update");
  if (!row) return null;
  if (row.status !== "active") refuse(formProblem("visits:errors.personInactive"));
  if (!row.stationId) refuse(formProblem("visits:errors.noStation"));
  return { ...row, stationId: row.stationId };
}

/** Station staff of the visit's station, the only people a visit can be assigned to. */
async function assertColleague(tx: DbOrTx, stationId: number, userId: number): Promise<void> {
  const [colleague] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        eq(users.facilityId, stationId),
        eq(users.role, "station_staff"),
        isNull(users.disabledAt),
      ),
    );
  if (!colleague) refuse(formProblem("visits:errors.notAColleague"));
}

async function openRoutineVisit(tx: DbOrTx, personId: number) {
  const [open] = await tx
    .select()
    .from(visits)
    .where(and(eq(visits.personId, personId), eq(visits.status, "scheduled"), eq(visits.kind, "routine")))
    .for("update");
  return open ?? null;
}

/**
 * Gives an active person with a station their open routine visit, if they lack one: due one interval from
 * `fromDate` (today by default). Returns the open visit's id, or null when the person is not visited.
 */
export async function ensureRoutineVisit(
  tx: DbOrTx,
  {
    personId,
    now = new Date(),
    fromDate,
    assignedUserId = null,
  }: { personId: number; now?: Date; fromDate?: string; assignedUserId?: number | null },
): Promise<number | null> {
  const [person] = await tx
    .select({ status: people.status, stationId: people.stationId })
    .from(people)
    .where(eq(people.id, personId));
  if (person?.status !== "active" || !person.stationId) return null;
  const open = await openRoutineVisit(tx, personId);
  if (open) return open.id;
  const interval = await intervalForPerson(tx, personId);
  const [created] = await tx
    .insert(visits)
    .values({
      personId,
      stationId: person.stationId,
      assignedUserId,
      kind: "routine",
      dueOn: addDaysToDate(fromDate ?? todayInShanghai(now), interval),
    })
    .returning({ id: visits.id });
  await planReminders(tx, now, [created.id]);
  return created.id;
}

/**
 * After a change that may shorten the interval (a higher risk tier, a new category): pulls the open routine
 * visit in to one interval after the last visit, never into the past.
 */
export async function tightenRoutineVisit(
  tx: DbOrTx,
  { personId, now = new Date() }: { personId: number; now?: Date },
) {
  const today = todayInShanghai(now);
  const open = await openRoutineVisit(tx, personId);
  if (!open) return ensureRoutineVisit(tx, { personId, now });
  const [last] = await tx
    .select({ on: sql<string | null>`max((${visits.completedAt} at time zone 'Asia/Shanghai')::date)::text` })
    .from(visits)
    .where(and(eq(visits.personId, personId), eq(visits.status, "completed")));
  const interval = await intervalForPerson(tx, personId);
  let due = addDaysToDate(last?.on ?? today, interval);
  if (due < today) due = today;
  if (due < open.dueOn) {
    await tx.update(visits).set({ dueOn: due }).where(eq(visits.id, open.id));
    await cancelVisitReminders(tx, [open.id]);
    await planReminders(tx, now, [open.id]);
  }
  return open.id;
}

/** A person left the register or died: their open visits are cancelled and nobody is reminded of them. */
export async function cancelOpenVisits(tx: DbOrTx, { personId }: { personId: number }): Promise<number[]> {
  const cancelled = await tx
    .update(visits)
    .set({ status: "cancelled" })
    .where(and(eq(visits.personId, personId), eq(visits.status, "scheduled")))
    .returning({ id: visits.id });
  const ids = cancelled.map((v) => v.id);
  await cancelVisitReminders(tx, ids);
  return ids;
}

/** From a person's file: their routine visit on a chosen day (moving the open one), optionally with a colleague. */
export async function schedulePersonVisit({
  personId,
  input: { dueOn, assignedUserId },
  ...writer
}: Writer & {
  personId: number;
  input: { dueOn: string; assignedUserId?: number };
}): Promise<WriteResult | null> {
  const { user, actor, now = new Date() } = writer;
  return visitWrite(writer, "person.schedule", async (tx) => {
    const person = await lockVisitedPerson(tx, user, personId);
    if (!person) return null;
    if (assignedUserId) await assertColleague(tx, person.stationId, assignedUserId);
    const open = await openRoutineVisit(tx, personId);
    let id: number;
    if (open) {
      await tx
        .update(visits)
        .set({ dueOn, ...(assignedUserId !== undefined ? { assignedUserId } : {}) })
        .where(eq(visits.id, open.id));
      await cancelVisitReminders(tx, [open.id]);
      id = open.id;
    } else {
      const [created] = await tx
        .insert(visits)
        .values({
          personId,
          stationId: person.stationId,
          assignedUserId: assignedUserId ?? (user.scope.kind === "station" ? user.id : null),
          kind: "routine",
          dueOn,
        })
        .returning({ id: visits.id });
      id = created.id;
    }
    await planReminders(tx, now, [id]);
    await recordAudit(tx, actor, {
      action: "visit.schedule",
      entityType: "visit",
      entityId: id,
      changes: {
        personId,
        dueOn,
        previousDueOn: open?.dueOn ?? null,
        assignedUserId: assignedUserId ?? null,
      },
    });
    return { id };
  });
}

export async function rescheduleVisit({
  visitId,
  input: { dueOn, reason },
  ...writer
}: Writer & { visitId: number; input: { dueOn: string; reason: string } }): Promise<WriteResult | null> {
  const { user, actor, now = new Date() } = writer;
  return visitWrite(writer, "visit.reschedule", async (tx) => {
    const visit = await lockOpenVisit(tx, user, visitId, "visits:errors.notOpen");
    if (!visit) return null;
    // A new day replaces an event visit's exact deadline (the overdue rule and the reminders would keep to the old
    // one): it is then late once that day is over, like any other visit.
    const dropsDeadline = visit.kind === "event" && visit.scheduledAt !== null && dueOn !== visit.dueOn;
    await tx
      .update(visits)
      .set({ dueOn, ...(dropsDeadline ? { scheduledAt: null } : {}) })
      .where(eq(visits.id, visitId));
    await cancelVisitReminders(tx, [visitId]);
    await planReminders(tx, now, [visitId]);
    await recordAudit(tx, actor, {
      action: "visit.reschedule",
      entityType: "visit",
      entityId: visitId,
      changes: {
        dueOn: [visit.dueOn, dueOn],
        ...(dropsDeadline ? { deadline: [visit.scheduledAt?.toISOString() ?? null, null] } : {}),
      },
      reason,
    });
    return { id: visitId };
  });
}

export async function assignVisit({
  visitId,
  input: { assignedUserId },
  ...writer
}: Writer & { visitId: number; input: { assignedUserId: number } }): Promise<WriteResult | null> {
  const { user, actor, now = new Date() } = writer;
  return visitWrite(writer, "visit.assign", async (tx) => {
    const visit = await lockOpenVisit(tx, user, visitId, "visits:errors.notOpen");
    if (!visit) return null;
    await assertColleague(tx, visit.stationId, assignedUserId);
    await tx.update(visits).set({ assignedUserId }).where(eq(visits.id, visitId));
    // The new assignee is reminded from now on; reminders already sent stay with whoever got them.
    await cancelVisitReminders(tx, [visitId]);
    await planReminders(tx, now, [visitId]);
    await recordAudit(tx, actor, {
      action: "visit.assign",
      entityType: "visit",
      entityId: visitId,
      changes: { assignedUserId: [visit.assignedUserId, assignedUserId] },
    });
    return { id: visitId };
  });
}

/** From a person's file: a major event (fire, illness …), a visit within 24 hours, and everyone concerned told now. */
export async function recordMajorEvent({
  personId,
  input: { eventKind, eventNote },
  ...writer
}: Writer & { personId: number; input: { eventKind: string; eventNote: string } }): Promise<WriteResult<{
  id: number;
  dueOn: string;
}> | null> {
  const { user, actor, now = new Date() } = writer;
  return visitWrite(writer, "person.event", async (tx) => {
    const person = await lockVisitedPerson(tx, user, personId);
    if (!person) return null;
    const { dueOn, deadline } = eventVisitDue(now);
    const [open] = await tx
      .select({ assignedUserId: visits.assignedUserId })
      .from(visits)
      .where(and(eq(visits.personId, personId), eq(visits.status, "scheduled"), eq(visits.kind, "routine")));
    const [created] = await tx
      .insert(visits)
      .values({
        personId,
        stationId: person.stationId,
        assignedUserId: open?.assignedUserId ?? (user.scope.kind === "station" ? user.id : null),
        kind: "event",
        dueOn,
        scheduledAt: deadline,
        notes: eventNote,
        outcomeReason: eventKind,
      })
      .returning({ id: visits.id });
    await planReminders(tx, now, [created.id]);
    await recordAudit(tx, actor, {
      action: "visit.event",
      entityType: "visit",
      entityId: created.id,
      changes: { personId, eventKind, dueOn },
      reason: eventNote,
    });
    return { id: created.id, dueOn };
  });
}

/** Everyone visited in a village, on one day: open routine visits move there, people without one get one. */
export async function bulkScheduleVillage({
  input: { villageId, dueOn, assignedUserId },
  ...writer
}: Writer & {
  input: { villageId: number; dueOn: string; assignedUserId?: number };
}): Promise<WriteResult<{ moved: number; created: number }> | null> {
  const { user, actor, now = new Date() } = writer;
  return visitWrite(writer, "visit.bulk_schedule", async (tx) => {
    const residents = await tx
      .select({ id: people.id, stationId: people.stationId })
      .from(people)
      .where(
        and(
          eq(people.villageId, villageId),
          eq(people.status, "active"),
          sql`${people.stationId} is not null`,
          peopleInScope(user),
          user.scope.kind === "station" ? eq(people.stationId, user.scope.facilityId) : undefined,
        ),
      )
      .for("update");
    if (residents.length === 0) refuse(formProblem("visits:errors.nobodyInVillage"));
    if (assignedUserId) {
      for (const stationId of new Set(residents.map((r) => r.stationId!)))
        await assertColleague(tx, stationId, assignedUserId);
    }
    const ids = residents.map((r) => r.id);
    const moved = await tx
      .update(visits)
      .set({ dueOn, ...(assignedUserId ? { assignedUserId } : {}) })
      .where(and(inArray(visits.personId, ids), eq(visits.status, "scheduled"), eq(visits.kind, "routine")))
      .returning({ id: visits.id, personId: visits.personId });
    await cancelVisitReminders(
      tx,
      moved.map((v) => v.id),
    );
    const withVisit = new Set(moved.map((v) => v.personId));
    const missing = residents.filter((r) => !withVisit.has(r.id));
    const created = missing.length
      ? await tx
          .insert(visits)
          .values(
            missing.map((r) => ({
              personId: r.id,
              stationId: r.stationId!,
              assignedUserId: assignedUserId ?? (user.scope.kind === "station" ? user.id : null),
              kind: "routine" as const,
              dueOn,
            })),
          )
          .returning({ id: visits.id })
      : [];
    const visitIds = [...moved.map((v) => v.id), ...created.map((v) => v.id)];
    await planReminders(tx, now, visitIds);
    await recordAudit(tx, actor, {
      action: "visit.bulk_schedule",
      entityType: "region",
      entityId: villageId,
      changes: { dueOn, moved: moved.length, created: created.length, visitIds },
    });
    return { moved: moved.length, created: created.length };
  });
}

/** A service activity counts as a visit when it falls within this many days before the visit is due. */
export const ACTIVITY_CREDIT_DAYS = 14;

/**
 * When an organization's service activity links people in care, each person's open routine visit due on or before
 * occurredOn + 14 days is completed by it (outcome visited, at the activity's date, noted with the activity) and
 * the next routine visit is scheduled from the rules. Call inside the transaction that saves the activity and
 * include the returned ids in that transaction's audit entry.
 */
export async function creditVisitsFromActivity(
  tx: DbOrTx,
  {
    personIds,
    occurredOn,
    activityId,
    userId,
    now = new Date(),
  }: { personIds: number[]; occurredOn: string; activityId: number; userId: number | null; now?: Date },
): Promise<{ completedVisitIds: number[]; scheduledVisitIds: number[] }> {
  if (personIds.length === 0) return { completedVisitIds: [], scheduledVisitIds: [] };
  const open = await tx
    .select({
      id: visits.id,
      personId: visits.personId,
      stationId: visits.stationId,
      assignedUserId: visits.assignedUserId,
    })
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .where(
      and(
        inArray(visits.personId, [...new Set(personIds)]),
        eq(visits.status, "scheduled"),
        eq(visits.kind, "routine"),
        lte(visits.dueOn, addDaysToDate(occurredOn, ACTIVITY_CREDIT_DAYS)),
        eq(people.status, "active"),
      ),
    )
    .for("update", { of: visits });
  if (open.length === 0) return { completedVisitIds: [], scheduledVisitIds: [] };
  const completedVisitIds = open.map((v) => v.id);
  await tx
    .update(visits)
    .set({
      status: "completed",
      outcome: "visited",
      completedAt: shanghaiInstant(occurredOn, "12:00"),
      completedBy: userId,
      notes: `服务活动 #${activityId}`,
    })
    .where(inArray(visits.id, completedVisitIds));
  await cancelVisitReminders(tx, completedVisitIds);
  const intervals = await intervalsForPeople(
    tx,
    open.map((v) => v.personId),
  );
  const next = await tx
    .insert(visits)
    .values(
      open.map((v) => ({
        personId: v.personId,
        stationId: v.stationId,
        assignedUserId: v.assignedUserId,
        kind: "routine" as const,
        dueOn: nextRoutineDueOn({
          visitedOn: occurredOn,
          intervalDays: intervals.get(v.personId)!,
          outcome: "visited",
        }),
      })),
    )
    .returning({ id: visits.id });
  const scheduledVisitIds = next.map((v) => v.id);
  await planReminders(tx, now, scheduledVisitIds);
  return { completedVisitIds, scheduledVisitIds };
}
