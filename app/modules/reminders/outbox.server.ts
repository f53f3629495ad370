// From the outbox to the queue: only reminders due within the rolling window are copied into Redis (a delivery
// job whose id is the reminder id), so Redis memory stays bounded. The reconciler re-copies whatever Redis lost:
// after a FLUSHALL or a restart without persistence it notices the missing epoch key and re-adds every queued row;
// a queued row whose job vanished is re-added too. Adding a job id that exists already is a no-op in BullMQ.
import type { Queue } from "bullmq";
import { and, asc, eq, gt, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { reminders } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { literal, literalEq } from "~/utils/sql-literals";
import { intArray } from "./deliver.server";
import type { ReminderSettings } from "./settings.server";

export const DELIVERY_QUEUE = "reminder-delivery";
export const SCAN_QUEUE = "reminder-scan";
export const SCAN_SCHEDULER_ID = "reminder-scan-every";
/** app_meta key holding the last scan's summary, for the admin page. */
export const LAST_SCAN_KEY = "reminders.last_scan";

/** BullMQ refuses integer-looking custom ids (and ids with ':'), so the reminder id gets a letter in front. */
function jobIdOf(reminderId: number): string {
  return `r${reminderId}`;
}

export type DeliveryJob = { reminderId: number; channel: "in_app" | "email" | "webhook" };

function deliveryJobOptions(settings: ReminderSettings, delayMs: number) {
  return {
    delay: Math.max(0, delayMs),
    attempts: settings.attempts,
    backoff: { type: "exponential" as const, delay: settings.backoffMs },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}

/** The delivery queue with the connection it uses and its key prefix. */
export type QueueHandle = { queue: Queue; redis: Redis; prefix: string };

function epochKey(prefix: string) {
  return `${prefix}:${DELIVERY_QUEUE}:outbox-epoch`;
}

/** The Redis server's run id: a Sentinel failover or a restart puts another server (and maybe older data) behind the URL. */
async function redisRunId(client: Redis): Promise<string> {
  // why: a Redis with INFO renamed away still works; it is then treated as one server throughout.
  const info = await client.info("server").catch(() => "");
  return /run_id:(\w+)/.exec(info)?.[1] ?? "";
}

type Row = { id: number; channel: DeliveryJob["channel"]; sendAt: Date };

async function addJobs(queue: Queue, settings: ReminderSettings, rows: Row[], now: Date) {
  for (let i = 0; i < rows.length; i += 1000) {
    await queue.addBulk(
      rows.slice(i, i + 1000).map((r) => ({
        name: "deliver",
        data: { reminderId: r.id, channel: r.channel } satisfies DeliveryJob,
        opts: { jobId: jobIdOf(r.id), ...deliveryJobOptions(settings, r.sendAt.getTime() - now.getTime()) },
      })),
    );
  }
}

/** Reminders matching `where` in batches of `size`, paged by id, so the caller may change a batch's rows. */
async function* reminderBatches(db: DbOrTx, where: SQL | undefined, size: number) {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ id: reminders.id, channel: reminders.channel, sendAt: reminders.sendAt })
      .from(reminders)
      .where(and(where, gt(reminders.id, after)))
      .orderBy(asc(reminders.id))
      .limit(size);
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    yield rows;
    if (rows.length < size) return;
  }
}

/**
 * Copies pending reminders due within the window into the queue and marks them queued. With `ids`, only those
 * (a request that just planned them). Returns how many were queued.
 */
export async function materialiseWindow({
  db,
  queue,
  settings,
  now = new Date(),
  ids,
}: {
  db: DbOrTx;
  queue: Queue;
  settings: ReminderSettings;
  now?: Date;
  ids?: number[];
}): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const until = new Date(now.getTime() + settings.windowMs);
  let queued = 0;
  const due = and(
    eq(reminders.status, "pending"),
    lte(reminders.sendAt, until),
    ids ? sql`${reminders.id} = any(${intArray(ids)}::int[])` : undefined,
  );
  for await (const rows of reminderBatches(db, due, 5000)) {
    await addJobs(queue, settings, rows, now);
    await db.execute(sql`
      update ${reminders} set status = ${literal(reminders.status, "queued")}, updated_at = ${now.toISOString()}::timestamptz
       where ${reminders.id} = any(${intArray(rows.map((r) => r.id))}::int[]) and ${literalEq(reminders.status, "pending")}`);
    queued += rows.length;
  }
  return queued;
}

/** Queued rows are expected to be delivered within this long of their send time; later ones are checked. */
const STALE_AFTER_MS = 2 * 60_000;

/**
 * Refills a Redis that lost its data and re-adds jobs that vanished. Safe to run in several processes at once.
 * Returns how many jobs were (re-)added and whether Redis had lost the outbox epoch.
 */
export async function reconcileQueue({
  db,
  handle,
  settings,
  now = new Date(),
}: {
  db: DbOrTx;
  handle: QueueHandle;
  settings: ReminderSettings;
  now?: Date;
}): Promise<{ readded: number; redisWasEmpty: boolean }> {
  const { queue, redis: client, prefix } = handle;
  const key = epochKey(prefix);
  const [epoch, runId] = await Promise.all([client.get(key), redisRunId(client)]);
  // The epoch names the server that wrote it: on another one (a replica promoted by Sentinel, which may lack the last
  // writes of the old master) every queued row is checked now, not only those two minutes late.
  const redisWasEmpty = epoch === null || !epoch.startsWith(`${runId}:`);
  // why: marked before the re-adds, and only when it was missing. Written after them (as it was), a mark re-set by a
  // reconcile that read it just before a FLUSHALL hid that flush: the lost jobs waited STALE_AFTER_MS (CI: a fault
  // test's 1,560 reminders not delivered within 100 s). Now a flush while this runs removes the mark with the jobs,
  // and the next reconcile refills everything again.
  if (redisWasEmpty) await client.set(key, `${runId}:${now.getTime()}`);
  try {
    return {
      readded: await readdQueued({ db, queue, settings, now, everything: redisWasEmpty }),
      redisWasEmpty,
    };
  } catch (error) {
    if (redisWasEmpty) await client.del(key).catch(() => 0);
    throw error;
  }
}

/** Re-adds queued rows: every one due within the window (`everything`), or those late whose jobs vanished. */
async function readdQueued({
  db,
  queue,
  settings,
  now,
  everything,
}: {
  db: DbOrTx;
  queue: Queue;
  settings: ReminderSettings;
  now: Date;
  everything: boolean;
}): Promise<number> {
  const until = new Date(now.getTime() + settings.windowMs);
  let readded = 0;
  const queued = and(
    eq(reminders.status, "queued"),
    everything
      ? lte(reminders.sendAt, until)
      : lte(reminders.sendAt, new Date(now.getTime() - STALE_AFTER_MS)),
  );
  for await (const rows of reminderBatches(db, queued, 2000)) {
    let missing = rows;
    if (!everything) {
      const states = await Promise.all(rows.map((r) => queue.getJobState(jobIdOf(r.id))));
      missing = rows.filter((_, i) => ["unknown", "completed", "failed"].includes(states[i]));
      // A finished job with the same id would swallow the re-add; remove it first.
      await Promise.all(
        missing.map((r) =>
          states[rows.indexOf(r)] === "unknown" ? null : queue.remove(jobIdOf(r.id)).catch(() => 0),
        ),
      );
    }
    await addJobs(queue, settings, missing, now);
    readded += missing.length;
  }
  return readded;
}

/** Failed reminders go back to pending with fresh attempts; the queue picks them up at once if it can. */
export async function resetFailedReminders(db: DbOrTx, ids?: number[]): Promise<number[]> {
  const rows = await db
    .update(reminders)
    .set({
      status: "pending",
      attempts: 0,
      lastError: null,
      sendAt: sql`least(${reminders.sendAt}, now())`,
      updatedAt: new Date(),
    })
    .where(and(eq(reminders.status, "failed"), ids ? inArray(reminders.id, ids) : undefined))
    .returning({ id: reminders.id });
  return rows.map((r) => r.id);
}

/** Removes finished jobs of reminders about to be re-queued (a retried reminder reuses its job id). */
export async function forgetJobs(queue: Queue, ids: number[]): Promise<void> {
  await Promise.all(ids.map((id) => queue.remove(jobIdOf(id)).catch(() => 0)));
}
