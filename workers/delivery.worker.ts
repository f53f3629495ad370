// The delivery processor: one job per reminder (job id = reminder id). A plain function of the job and its
// dependencies, so tests call it without Redis. Quiet hours hold external channels back; the last failed attempt
// marks the reminder failed for the admin page.
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import {
  type DeliveryOutcome,
  deliverExternal,
  type InAppBatcher,
  recordDeliveryFailure,
} from "~/modules/reminders/deliver.server";
import type { DeliveryJob } from "~/modules/reminders/outbox.server";
import { isQuiet, nextSendableInstant } from "~/modules/reminders/quiet-hours";
import type { ReminderSettings } from "~/modules/reminders/settings.server";
import type { DbOrTx } from "~/utils/db.server";

export type DeliveryDeps = {
  db: DbOrTx;
  settings: ReminderSettings;
  batcher: InAppBatcher;
  exclusion: "row-lock" | "in-process";
  now?: () => Date;
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
    return channel === "in_app"
      ? await deps.batcher.deliver(reminderId)
      : await deliverExternal(
          { db: deps.db, settings: deps.settings, exclusion: deps.exclusion, now: deps.now },
          reminderId,
        );
  } catch (error) {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await recordDeliveryFailure(deps.db, { id: reminderId, error, final }).catch(() => {});
    throw error;
  }
}
