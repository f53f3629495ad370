// The admin page's view of the outbox: counts by status, failed reminders with their errors, the latest ones, and
// those that may have reached their receiver twice.
import { count, desc, eq, inArray, type SQL } from "drizzle-orm";
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

/** Reminders with their recipient's name, the first `limit` in `order`. */
function reminderList(where: SQL | undefined, order: SQL, limit: number) {
  return db
    .select(listColumns)
    .from(reminders)
    .leftJoin(users, eq(users.id, reminders.recipientUserId))
    .where(where)
    .orderBy(order)
    .limit(limit);
}

export type ReminderListRow = Awaited<ReturnType<typeof reminderList>>[number];

export async function failedReminders(limit = 100) {
  return reminderList(eq(reminders.status, "failed"), desc(reminders.updatedAt), limit);
}

export async function recentReminders(limit = 30) {
  return reminderList(
    inArray(reminders.status, ["pending", "queued", "sent", "cancelled"]),
    desc(reminders.id),
    limit,
  );
}

/** Email and webhook reminders sent again after an attempt died mid-send: the receiver may have them twice. */
export async function resentReminders(limit = 20) {
  return reminderList(eq(reminders.resentAfterInterruption, true), desc(reminders.sentAt), limit);
}
