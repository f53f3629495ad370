// The scan scheduler's self-repair on real Redis: a scheduler whose next iteration was never written (Redis refused
// the write while a worker picked up the previous one) is re-armed by the leader instead of silencing the scans.
import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCAN_QUEUE, SCAN_SCHEDULER_ID } from "~/modules/reminders/outbox.server";
import { ensureScanScheduler } from "./leader";
import { removeKeysWithPrefix } from "./testing/processes";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `leader-${randomBytes(4).toString("hex")}`;
let scanQueue: Queue;

async function schedulerJobs() {
  const jobs = await scanQueue.getJobs(["delayed", "waiting", "prioritized"]);
  return jobs.filter((job) => job?.repeatJobKey === SCAN_SCHEDULER_ID);
}

beforeAll(() => {
  scanQueue = new Queue(SCAN_QUEUE, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix });
});

afterAll(async () => {
  await scanQueue?.close();
  await removeKeysWithPrefix(redisUrl, prefix);
});

describe("the scan scheduler", () => {
  it("is created once, left alone while healthy, and re-armed when its next iteration is missing", async () => {
    expect(await ensureScanScheduler(scanQueue, 60_000)).toBe(true);
    expect(await schedulerJobs()).toHaveLength(1);
    expect(await ensureScanScheduler(scanQueue, 60_000)).toBe(false);
    expect(await schedulerJobs()).toHaveLength(1);

    // The broken chain as Redis out of memory leaves it: the scheduler's `next` passes and no job stands behind it.
    const scheduler = await scanQueue.getJobScheduler(SCAN_SCHEDULER_ID);
    expect(scheduler?.next).toBeTypeOf("number");
    const redis = new Redis(redisUrl);
    for (const job of await schedulerJobs()) {
      await redis.zrem(`${prefix}:${SCAN_QUEUE}:delayed`, job.id!);
      await redis.del(`${prefix}:${SCAN_QUEUE}:${job.id}`);
    }
    redis.disconnect();
    expect(await schedulerJobs()).toHaveLength(0);
    const later = scheduler!.next! + 121_000;
    expect(await ensureScanScheduler(scanQueue, 60_000, scheduler!.next! + 30_000)).toBe(false);
    expect(await ensureScanScheduler(scanQueue, 60_000, later)).toBe(true);
    expect(await schedulerJobs()).toHaveLength(1);
  });
});
