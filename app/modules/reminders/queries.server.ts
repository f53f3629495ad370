// The admin page's view of the outbox: counts by status, failed reminders with their errors, the latest ones, and
// those that may have reached their receiver twice.
import { count, desc, eq, inArray } from "drizzle-orm";
import { reminderStatuses, reminders, users } from "#db/schema";
import { db } from "~/utils/db.server";

export async function reminderCounts() {
  const rows = await db
    .select({ status: reminders.status, n: count() })
    .from(reminders)
    .groupBy(reminders.status);
  const counts = Object.fromEntries(reminderStatuses.map((s) => [s, 0])) as Record<
    (typeof reminderStatuses)[number],
    number
  >;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

const listColumns = {
  id: reminders.id,
  kind: reminders.kind,
  channel: reminders.channel,
  subjectType: reminders.subjectType,
  subjectId: reminders.subjectId,
  recipientName: users.name,
  recipientAddress: reminders.recipientAddress,
  sendAt: reminders.sendAt,
  sentAt: reminders.sentAt,
  status: reminders.status,
  attempts: reminders.attempts,
  lastError: reminders.lastError,
  resentAfterInterruption: reminders.resentAfterInterruption,
  payload: reminders.payload,
};

export async function failedReminders(limit = 100) {
  return db
    .select(listColumns)
    .from(reminders)
    .leftJoin(users, eq(users.id, reminders.recipientUserId))
    .where(eq(reminders.status, "failed"))
    .orderBy(desc(reminders.updatedAt))
    .limit(limit);
}

export async function recentReminders(limit = 30) {
  return db
    .select(listColumns)
    .from(reminders)
    .leftJoin(users, eq(users.id, reminders.recipientUserId))
    .where(inArray(reminders.status, ["pending", "queued", "sent", "cancelled"]))
    .orderBy(desc(reminders.id))
    .limit(limit);
}

/** Email and webhook reminders sent again after an attempt died mid-send: the receiver may have them twice. */
export async function resentReminders(limit = 20) {
  return db
    .select(listColumns)
    .from(reminders)
    .leftJoin(users, eq(users.id, reminders.recipientUserId))
    .where(eq(reminders.resentAfterInterruption, true))
    .orderBy(desc(reminders.sentAt))
    .limit(limit);
}
