// The Redis Sentinel failover drill (scripts/drills/redis-failover.ts) as a test: master, replica and three Sentinels,
// the app and two reminder workers on a redis+sentinel:// URL, the master killed mid-delivery after its replica fell
// behind. Every reminder is delivered exactly once: PostgreSQL's outbox refills what Redis lost.
import { afterAll, describe, expect, it } from "vitest";
import {
  printRedisFailoverReport,
  type RedisFailoverReport,
  redisFailoverDrill,
} from "../../scripts/drills/redis-failover";
import { Cleanup } from "../../scripts/drills/support/processes";

describe("the Redis master lost during delivery", () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run());

  it("carries on through a Sentinel failover and delivers every reminder exactly once", async () => {
    const lines: string[] = [];
    let report: RedisFailoverReport | undefined;
    try {
      report = await redisFailoverDrill({ cleanup, log: (l) => lines.push(l) });
      printRedisFailoverReport(report, (l) => lines.push(l));
    } finally {
      console.log(lines.join("\n"));
    }
    expect(report.problems).toEqual([]);
    expect(report.inApp).toEqual({ once: report.reminders.inApp, twice: 0, missing: 0 });
    expect(report.webhooks).toMatchObject({ once: report.reminders.webhooks, twice: 0, missing: 0 });
    // The failure struck mid-delivery and really lost writes, which the outbox put back.
    expect(report.failover.sentBeforeKill).toBeLessThan(report.reminders.written);
    expect(report.failover.lostBytes).toBeGreaterThan(0);
    expect(report.failover.scansAfterFailover).toBe(true);
    expect(report.failover.adminPageOnline).toBe(true);
    expect(report.processes).toEqual({ appRestarted: false, workersRestarted: 0 });
  }, 300_000);
});
