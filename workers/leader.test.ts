// The leader lease and the scan scheduler's self-repair on real Redis: one process leads at a time and another takes
// over when its lease runs out; a scheduler whose next iteration was never written (Redis refused the write while a
// worker picked up the previous one) is re-armed by the leader instead of silencing the scans.
import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCAN_QUEUE, SCAN_SCHEDULER_ID } from "~/modules/reminders/outbox.server";
import { ensureScanScheduler, Leadership } from "./leader";
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

describe("the leader lease", () => {
  const key = `${prefix}:${SCAN_QUEUE}:leader`;
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };
  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  it("lets one of two processes lead, keeps it while it renews, and hands over when its lease runs out", async () => {
    const leaseMs = 1000;
    const a = new Leadership(connect(), key, leaseMs);
    const b = new Leadership(connect(), key, leaseMs);
    const [first, second] = await Promise.all([a.tick(), b.tick()]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    const [leader, follower] = first ? [a, b] : [b, a];
    expect(leader.isLeader()).toBe(true);
    expect(follower.isLeader()).toBe(false);

    // Renewing within the lease keeps it, well past one lease in all.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, leaseMs * 0.4));
      expect(await leader.tick()).toBe(true);
      expect(await follower.tick()).toBe(false);
    }
    // The leader dies (stops renewing): within one lease the other takes over, and the old one cannot renew.
    await new Promise((r) => setTimeout(r, leaseMs + 200));
    expect(await follower.tick()).toBe(true);
    expect(await leader.tick()).toBe(false);
    expect(leader.isLeader()).toBe(false);
  });

  it("frees the lease at once on a graceful stop, and a non-leader's release takes nothing from the leader", async () => {
    const a = new Leadership(connect(), `${key}:release`, 30_000);
    const b = new Leadership(connect(), `${key}:release`, 30_000);
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    await b.release();
    expect(await a.tick()).toBe(true);
    await a.release();
    expect(await b.tick()).toBe(true);
  });
});
