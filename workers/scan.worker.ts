// The scan processor, run by the job scheduler: outbox rows for what needs a reminder, then the rolling window
// copied into the delivery queue, then whatever Redis lost put back. Records a summary for the admin page, with the
// reminders nobody can receive (gaps), which write no outbox row.
import { sql } from "drizzle-orm";
import { appMeta } from "#db/schema";
import {
  LAST_SCAN_KEY,
  materialiseWindow,
  type QueueHandle,
  reconcileQueue,
} from "~/modules/reminders/outbox.server";
import { scanForReminders } from "~/modules/reminders/scan.server";
import type { ReminderSettings } from "~/modules/reminders/settings.server";
import type { DbOrTx } from "~/utils/db.server";

const MAX_GAPS_SHOWN = 50;

export type ScanDeps = {
  db: DbOrTx;
  handle: QueueHandle;
  settings: ReminderSettings;
  now?: () => Date;
  /** Deliver in-app reminders already due as the scan writes them (default); off only to measure the queue alone. */
  deliverDue?: boolean;
};

export async function processScan(deps: ScanDeps) {
  const now = deps.now?.() ?? new Date();
  let queued = 0;
  // In-app reminders already due are delivered as the scan writes them (one statement per chunk: the row marked
  // sent and its notification together); each chunk's other new rows are queued while the next is written, so
  // delivery starts during the scan.
  let queueing: Promise<void> = Promise.resolve();
  const scan = await scanForReminders(
    { db: deps.db, now, settings: deps.settings },
    async (ids) => {
      queueing = queueing.then(async () => {
        queued += await materialiseWindow({
          db: deps.db,
          queue: deps.handle.queue,
          settings: deps.settings,
          now,
          ids,
        });
      });
    },
    { deliverDue: deps.deliverDue ?? true },
  );
  await queueing;
  const reconciled = await reconcileQueue({ db: deps.db, handle: deps.handle, settings: deps.settings, now });
  queued += await materialiseWindow({ db: deps.db, queue: deps.handle.queue, settings: deps.settings, now });
  const summary = {
    at: now.toISOString(),
    findings: scan.findings,
    created: scan.created,
    delivered: scan.delivered,
    queued,
    readded: reconciled.readded,
    undeliverable: scan.gaps.length,
    // The first ones are enough to act on; a JSON value in app_meta stays small.
    gaps: scan.gaps.slice(0, MAX_GAPS_SHOWN),
  };
  await deps.db
    .insert(appMeta)
    .values({ key: LAST_SCAN_KEY, value: summary })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: summary, updatedAt: sql`now()` } });
  return summary;
}

/** Refill only (at start-up and when the leader finds the scheduler gone): no new findings, no summary. */
export async function refillQueue(deps: ScanDeps) {
  const now = deps.now?.() ?? new Date();
  const reconciled = await reconcileQueue({ db: deps.db, handle: deps.handle, settings: deps.settings, now });
  const queued = await materialiseWindow({
    db: deps.db,
    queue: deps.handle.queue,
    settings: deps.settings,
    now,
  });
  return { ...reconciled, queued };
}
