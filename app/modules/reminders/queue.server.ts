// The web app's side of the queue: a producer connection that never makes a request wait on Redis
// (enableOfflineQueue: false, short timeouts), a nudge that queues reminders a request just planned, and the
// worker status for the admin page. When Redis is down all of this fails fast and the outbox keeps the reminders.
import { Queue } from "bullmq";
import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { appMeta } from "#db/schema";
import { db } from "~/utils/db.server";
import { env, redisOptionsFor } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import type { ReminderGap } from "./findings";
import {
  DELIVERY_QUEUE,
  forgetJobs,
  LAST_SCAN_KEY,
  materialiseWindow,
  type QueueHandle,
  SCAN_QUEUE,
} from "./outbox.server";
import { queuePrefix } from "./queue-prefix.server";
import { reminderSettings } from "./settings.server";

type Producer = { redis: Redis; prefix: string; queues: { queue: Queue; scanQueue: Queue } | null };

declare global {
  // why: the Remix build and the server entry are separate module graphs; one producer connection per process.
  var __reminderProducer: Producer | undefined;
}

let lastErrorLog = 0;

/** The request side's Redis connection, opened once per process; it reconnects in the background. */
export function reminderProducer(): Producer {
  if (!globalThis.__reminderProducer) {
    const { REDIS_URL } = env();
    const redis = new Redis({
      ...redisOptionsFor(REDIS_URL),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 1000, 10_000),
    });
    redis.on("error", (err) => {
      if (Date.now() - lastErrorLog < 60_000) return;
      lastErrorLog = Date.now();
      logger.warn({ err: err.message }, "reminder queue: Redis unreachable; reminders wait in the outbox");
    });
    globalThis.__reminderProducer = { redis, prefix: queuePrefix(), queues: null };
  }
  return globalThis.__reminderProducer;
}

/**
 * The queues, once the connection is up. BullMQ checks the server version when a queue is created; without an
 * offline queue that check fails on a connection still opening, so queues are created only when it is ready.
 */
async function producerQueues(waitMs: number): Promise<(QueueHandle & { scanQueue: Queue }) | null> {
  const producer = reminderProducer();
  if (!(await ready(producer.redis, waitMs))) return null;
  if (!producer.queues) {
    const options = { connection: producer.redis, prefix: producer.prefix };
    producer.queues = {
      queue: new Queue(DELIVERY_QUEUE, options),
      scanQueue: new Queue(SCAN_QUEUE, options),
    };
  }
  return { redis: producer.redis, prefix: producer.prefix, ...producer.queues };
}

export async function closeReminderProducer(): Promise<void> {
  const producer = globalThis.__reminderProducer;
  globalThis.__reminderProducer = undefined;
  if (!producer) return;
  if (producer.queues)
    await Promise.allSettled([producer.queues.queue.close(), producer.queues.scanQueue.close()]);
  producer.redis.disconnect();
}

/** Waits briefly for a connection that is still being opened (the first request after boot). */
async function ready(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === "ready") return true;
  if (redis.status === "end" || redis.status === "close") return false;
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(redis.status === "ready"), ms);
    timer.unref();
    redis.once("ready", onReady);
  });
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

/**
 * Queues reminders that a request just planned, so "within 24 hours" means now and not at the next scan.
 * Never throws and never waits long: if Redis is away, the workers' reconciler queues them later.
 */
export async function nudgeReminders(ids: number[] | undefined = undefined): Promise<void> {
  try {
    const queues = await producerQueues(1000);
    if (!queues) return;
    await within(materialiseWindow({ db, queue: queues.queue, settings: reminderSettings(), ids }), 3000);
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "reminders stay in the outbox until the workers queue them");
  }
}

export type WorkerStatus = {
  online: boolean;
  redis: boolean;
  workers: number;
  error: string | null;
  lastScan: {
    at: string;
    findings: number;
    created: number;
    queued: number;
    readded: number;
    /** Reminders nobody could receive, and the first of them (absent in summaries written before they were counted). */
    undeliverable?: number;
    gaps?: ReminderGap[];
  } | null;
};

export async function workerStatus(): Promise<WorkerStatus> {
  const [meta] = await db
    .select({ value: appMeta.value })
    .from(appMeta)
    .where(eq(appMeta.key, LAST_SCAN_KEY));
  const lastScan = (meta?.value as WorkerStatus["lastScan"]) ?? null;
  try {
    const queues = await producerQueues(1500);
    if (!queues) throw new Error(`connection ${reminderProducer().redis.status}`);
    await within(queues.redis.ping(), 1500);
    const workers = await within(queues.queue.getWorkersCount(), 1500);
    return { online: workers > 0, redis: true, workers, error: null, lastScan };
  } catch (err) {
    return { online: false, redis: false, workers: 0, error: (err as Error).message, lastScan };
  }
}

/** Removes finished jobs of reminders about to be retried (their job ids are reused); best effort. */
export async function forgetReminderJobs(ids: number[]): Promise<void> {
  const queues = await producerQueues(1000);
  if (queues) await within(forgetJobs(queues.queue, ids), 3000).catch(() => {});
}

/** Asks the workers for a scan now; false when they cannot be reached. */
export async function requestScan(): Promise<boolean> {
  try {
    const queues = await producerQueues(1000);
    if (!queues) return false;
    const minute = Math.floor(Date.now() / 60_000);
    await within(
      queues.scanQueue.add(
        "scan",
        { requested: true },
        { jobId: `scan-now-${minute}`, removeOnComplete: true, removeOnFail: 100 },
      ),
      2000,
    );
    return true;
  } catch {
    return false;
  }
}
