// Starts the reminder workers in this process: the delivery worker, the scan worker, the leader loop that keeps the
// job scheduler in place, and a refill of the queue from the outbox. `stop()` shuts them down gracefully: no new
// jobs are taken, running ones finish, batched deliveries are written, connections close.
import { Queue, Worker } from "bullmq";
import type { DatabaseHandle } from "#db/client";
import { InAppBatcher } from "~/modules/reminders/deliver.server";
import {
  DELIVERY_QUEUE,
  type DeliveryJob,
  type QueueHandle,
  SCAN_QUEUE,
} from "~/modules/reminders/outbox.server";
import type { ReminderSettings } from "~/modules/reminders/settings.server";
import { logger } from "~/utils/logger.server";
import { workerRedis } from "./connection";
import { processDelivery } from "./delivery.worker";
import { ensureScanScheduler, Leadership } from "./leader";
import { processScan, refillQueue } from "./scan.worker";

export type RunningWorkers = { stop: () => Promise<void>; leadership: Leadership };

const LEADER_TICK_MS = 10_000;

export async function startReminderWorkers({
  handle,
  redisUrl,
  prefix,
  settings,
  name = "reminders",
  deliverDueInScan = true,
}: {
  handle: DatabaseHandle;
  redisUrl: string;
  prefix: string;
  settings: ReminderSettings;
  name?: string;
  /** See ScanDeps.deliverDue: off only for the benchmark's queue-alone phase. */
  deliverDueInScan?: boolean;
}): Promise<RunningWorkers> {
  const { db } = handle;
  const connection = workerRedis(redisUrl, `${name}-main`);
  const queueOptions = { connection, prefix };
  const queue = new Queue(DELIVERY_QUEUE, queueOptions);
  const scanQueue = new Queue(SCAN_QUEUE, queueOptions);
  const queueHandle: QueueHandle = { queue, redis: connection, prefix };
  const batcher = new InAppBatcher(db, {
    maxBatch: Math.max(20, Math.min(500, settings.concurrency)),
    // PGlite runs one statement at a time anyway; PostgreSQL takes a few batches in parallel.
    maxParallel: handle.driver === "pglite" ? 1 : 6,
  });

  const workerOptions = {
    connection: workerRedis(redisUrl, `${name}-worker`),
    prefix,
    lockDuration: settings.lockMs,
    stalledInterval: Math.max(1000, Math.floor(settings.lockMs / 2)),
    maxStalledCount: 5,
  };
  const delivery = new Worker<DeliveryJob>(
    DELIVERY_QUEUE,
    (job, token) => processDelivery(job, { db, settings, batcher }, token),
    { ...workerOptions, concurrency: settings.concurrency },
  );
  const scanConnection = workerRedis(redisUrl, `${name}-scan`);
  const scans = new Worker(
    SCAN_QUEUE,
    async () => processScan({ db, handle: queueHandle, settings, deliverDue: deliverDueInScan }),
    {
      ...workerOptions,
      connection: scanConnection,
      concurrency: 1,
    },
  );
  for (const w of [delivery, scans]) {
    w.on("error", (err) => logger.warn({ err: err.message }, "reminder worker error"));
    w.on("failed", (job, err) =>
      logger.warn(
        { jobId: job?.id, queue: w.name, attempts: job?.attemptsMade, err: err.message },
        "job failed",
      ),
    );
  }

  const leadership = new Leadership(connection, `${prefix}:${SCAN_QUEUE}:leader`, LEADER_TICK_MS * 3);
  let stopping = false;
  let ticking: Promise<void> = Promise.resolve();
  const tick = async () => {
    if (stopping) return;
    try {
      if (await leadership.tick()) {
        const wasMissing = await ensureScanScheduler(scanQueue, settings.scanEveryMs);
        // A missing scheduler means a fresh or flushed Redis: refill now rather than at the next scan.
        if (wasMissing) await refillQueue({ db, handle: queueHandle, settings });
      }
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "reminder leader tick failed; retrying");
    }
  };
  const timer = setInterval(() => {
    ticking = ticking.then(tick);
  }, LEADER_TICK_MS);
  timer.unref();
  ticking = ticking.then(async () => {
    try {
      await refillQueue({ db, handle: queueHandle, settings });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, "initial queue refill failed; the reconciler retries");
    }
    await tick();
  });
  logger.info(
    { prefix, concurrency: settings.concurrency, driver: handle.driver },
    "reminder workers started",
  );

  return {
    leadership,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      await ticking.catch(() => {});
      // Close the workers first: they stop taking jobs and wait for the running ones (and their batches).
      await Promise.allSettled([scans.close(), delivery.close()]);
      await batcher.drain().catch(() => {});
      await leadership.release();
      await Promise.allSettled([queue.close(), scanQueue.close()]);
      for (const c of [connection, workerOptions.connection, scanConnection]) c.disconnect();
      logger.info({}, "reminder workers stopped");
    },
  };
}
