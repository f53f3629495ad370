// The delivery processor: one job per reminder (job id = reminder id). A plain function of the job and its
// dependencies, so tests call it without Redis. Quiet hours hold external channels back; a reminder another attempt
// is sending waits for that attempt's claim to end; the last failed attempt marks the reminder failed for the admin page.
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import {
  type DeliveryOutcome,
  deliverExternal,
  type InAppBatcher,
  recordDeliveryFailure,
  SentNotRecorded,
} from "~/modules/reminders/deliver.server";
import type { DeliveryJob } from "~/modules/reminders/outbox.server";
import { isQuiet, nextSendableInstant } from "~/modules/reminders/quiet-hours";
import type { ReminderSettings } from "~/modules/reminders/settings.server";
import type { DbOrTx } from "~/utils/db.server";

export type DeliveryDeps = {
  db: DbOrTx;
  settings: ReminderSettings;
  batcher: InAppBatcher;
  now?: () => Date;
  /** See deliverExternal; tests shorten it. */
  claimMs?: number;
};

export async function processDelivery(
  job: Pick<Job<DeliveryJob>, "data" | "attemptsMade" | "opts"> & {
    moveToDelayed?: Job["moveToDelayed"];
  },
  deps: DeliveryDeps,
  token?: string,
): Promise<DeliveryOutcome> {
  const { reminderId, channel } = job.data ?? ({} as DeliveryJob);
  if (!Number.isInteger(reminderId) || !["in_app", "email", "webhook"].includes(channel))
    throw new UnrecoverableError(`bad delivery job payload: ${JSON.stringify(job.data)}`);
  const now = deps.now?.() ?? new Date();
  if (channel !== "in_app" && isQuiet(now, deps.settings.quietHours) && job.moveToDelayed && token) {
    // A retry that lands in the night waits for the morning instead of waking anyone.
    await job.moveToDelayed(nextSendableInstant(now, deps.settings.quietHours).getTime(), token);
    throw new DelayedError();
  }
  try {
    if (channel === "in_app") return await deps.batcher.deliver(reminderId);
    const outcome = await deliverExternal(
      { db: deps.db, settings: deps.settings, now: deps.now, claimMs: deps.claimMs },
      reminderId,
    );
    if (typeof outcome === "string") return outcome;
    // Another attempt holds the claim (a duplicate job, or one that died mid-send): look again when it ends. Without
    // a job to delay (tests), report the skip; the reconciler re-adds a row still unsent after that.
    if (job.moveToDelayed && token) {
      await job.moveToDelayed(outcome.busyUntil.getTime() + 1000, token);
      throw new DelayedError();
    }
    return "skipped";
  } catch (error) {
    if (error instanceof DelayedError) throw error;
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    // Sent but not recorded: nothing is written, so the claim stays and the next attempt knows it may be a resend.
    if (!(error instanceof SentNotRecorded))
      await recordDeliveryFailure(deps.db, { id: reminderId, error, final }).catch(() => {});
    throw error;
  }
}
