// What the admin does with the outbox: send failed reminders again.
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";
import { resetFailedReminders } from "./outbox.server";
import { forgetReminderJobs, nudgeReminders } from "./queue.server";

/** Puts one failed reminder (or all of them) back in the outbox and queues it again; answers how many. */
export async function retryFailedReminders({
  actor,
  id,
}: {
  actor: AuditActor;
  id?: number;
}): Promise<number> {
  const ids = await resetFailedReminders(db, id === undefined ? undefined : [id]);
  await recordAuditNow(actor, {
    action: "reminder.retry",
    entityType: "reminder",
    entityId: ids.length === 1 ? ids[0] : null,
    changes: { ids },
  });
  // The old failed job holds the reminder's job id; remove it so the retry is queued afresh.
  await forgetReminderJobs(ids);
  await nudgeReminders(ids);
  return ids.length;
}
