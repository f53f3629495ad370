// The PostgreSQL failover drill (scripts/drills/postgres-failover.ts) as a test: a primary with a synchronous standby,
// the app and a reminder worker on a multi-host DATABASE_URL, the primary crashed under a write load and the standby
// promoted. Nothing the app acknowledged may be missing, no reminder delivered twice or never, no process restarted.
import { afterAll, describe, expect, it } from "vitest";
import {
  type PostgresFailoverReport,
  postgresFailoverDrill,
  printPostgresFailoverReport,
} from "../../scripts/drills/postgres-failover";
import { Cleanup } from "../../scripts/drills/support/processes";

describe("the PostgreSQL primary lost under load", () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run());

  it("keeps every acknowledged write on the promoted standby, delivers each reminder once and needs no restart", async () => {
    const lines: string[] = [];
    let report: PostgresFailoverReport | undefined;
    try {
      report = await postgresFailoverDrill({ cleanup, log: (l) => lines.push(l) });
      printPostgresFailoverReport(report, (l) => lines.push(l));
    } finally {
      console.log(lines.join("\n"));
    }
    expect(report.problems).toEqual([]);
    expect(report.writes.missing).toBe(0);
    expect(report.writes.acknowledgedBefore).toBeGreaterThan(0);
    expect(report.writes.acknowledgedAfter).toBeGreaterThan(0);
    for (const kind of ["expenditure", "activity", "visit", "reminder"])
      expect(report.writes.byKind[kind], kind).toBeGreaterThan(0);
    expect(report.reminders).toMatchObject({ deliveredTwice: 0, missing: 0 });
    expect(report.reminders.deliveredOnce).toBe(report.reminders.acknowledged);
    expect(report.processes).toEqual({ appRestarted: false, workerRestarted: false });
    expect(report.rejoined).toEqual({ streaming: true, synchronous: true, hasEveryAcknowledgedWrite: true });
    // Writes come back within seconds of the crash, not after a timeout.
    expect(report.timings.failureToFirstWriteMs).toBeLessThan(15_000);
  }, 300_000);
});
