// One process upserts the recurring scan: concurrent upserts of the same job scheduler are known to lose or
// duplicate it. The leader holds a Redis key with a short lease and renews it; if it dies, another process takes
// over within one lease. After a FLUSHALL the key is gone too, so the next process to look re-creates the scheduler.
import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { SCAN_SCHEDULER_ID } from "~/modules/reminders/outbox.server";
import { logger } from "~/utils/logger.server";

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class Leadership {
  readonly id = randomUUID();
  private leading = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly leaseMs = 30_000,
  ) {}

  /** Takes or renews the lease; true while this process leads. */
  async tick(): Promise<boolean> {
    const taken = await this.redis.set(this.key, this.id, "PX", this.leaseMs, "NX");
    if (taken === "OK") {
      this.leading = true;
      return true;
    }
    const renewed = (await this.redis.eval(RENEW, 1, this.key, this.id, String(this.leaseMs))) as number;
    this.leading = renewed === 1;
    return this.leading;
  }

  isLeader(): boolean {
    return this.leading;
  }

  async release(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.redis.eval(RELEASE, 1, this.key, this.id).catch(() => {});
  }
}

/**
 * Creates or updates the scan scheduler when it is missing, its cadence changed, or its chain broke; true when it was
 * missing or broken, so the caller refills the queue at once.
 *
 * BullMQ adds a scheduler's next iteration when a worker picks up the current one; if Redis refuses that write (out of
 * memory, a failover) the scheduler stays with a `next` in the past and no job behind it, and scans stop for good.
 * A `next` well behind the clock is that sign: upserting again puts a fresh iteration in place.
 */
export async function ensureScanScheduler(
  scanQueue: Queue,
  everyMs: number,
  now: number = Date.now(),
): Promise<boolean> {
  const existing = await scanQueue.getJobScheduler(SCAN_SCHEDULER_ID);
  const broken = existing?.next != null && existing.next < now - Math.max(2 * everyMs, 30_000);
  if (existing && Number(existing.every) === everyMs && !broken) return false;
  if (broken)
    logger.warn(
      { next: new Date(existing.next!).toISOString() },
      "scan scheduler overdue: its next run never started (Redis refused it, or a scan ran long); re-arming",
    );
  await scanQueue.upsertJobScheduler(
    SCAN_SCHEDULER_ID,
    { every: everyMs },
    { name: "scan", data: {}, opts: { removeOnComplete: true, removeOnFail: 50 } },
  );
  return !existing || broken;
}
