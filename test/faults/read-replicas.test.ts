// Read replicas (DATABASE_REPLICA_URLS) with real processes: a primary and a streaming standby of their own, the built
// app reading its pages from the standby. Replay on the standby is paused (pg_wal_replay_pause) to make it lag: the
// session that just wrote still sees its write on the next page (read-your-writes), a session that did not write reads
// the lagging replica until its lag passes the limit, and then reads the primary; a dead replica costs no page.
import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInShanghai } from "~/utils/dates";
import {
  demoPrimaryAndStandby,
  openAdmin,
  type PgNode,
  waitFor,
} from "../../scripts/drills/support/postgres";
import {
  type AppProcess,
  Cleanup,
  ensureAppBuilt,
  startAppProcess,
} from "../../scripts/drills/support/processes";
import { HttpClient } from "../support/http";

const MAX_LAG_MS = 8000;

describe("pages read from a replica", () => {
  const cleanup = new Cleanup();
  let primary: PgNode;
  let standby: PgNode;
  let sql: postgres.Sql;
  let onStandby: postgres.Sql;
  let app: AppProcess;
  let contractId = 0;
  const today = todayInShanghai();

  beforeAll(async () => {
    await ensureAppBuilt();
    ({ primary, standby } = await demoPrimaryAndStandby(cleanup, { synchronous: false }));
    sql = openAdmin(primary.url("app"));
    onStandby = openAdmin(standby.url("app"));
    cleanup.add(() => sql.end({ timeout: 1 }));
    cleanup.add(() => onStandby.end({ timeout: 1 }));
    app = await startAppProcess(cleanup, {
      DATABASE_URL: primary.url("app"),
      DATABASE_REPLICA_URLS: standby.url("app"),
      DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      DATABASE_REPLICA_CHECK_MS: "500",
      DATABASE_READ_YOUR_WRITES_MS: "10000",
      // why: Redis is not part of this test; the producer gives up at once and reminders wait in the outbox.
      REDIS_URL: "redis://127.0.0.1:1",
      LOG_LEVEL: "info",
    });
    const [row] = await sql<{ id: number }[]>`
      select c.id from contracts c join organizations o on o.id = c.organization_id
       where o.name = '噶尔县社区服务中心' and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
       order by c.id limit 1`;
    contractId = row.id;
  });

  afterAll(async () => {
    await cleanup.run();
  });

  const page = () => `/contracts/${contractId}/expenditures`;
  const expenditure = (description: string) => ({
    spentOn: today,
    category: "activities",
    amount: "7.00",
    description,
    _key: randomUUID(),
  });
  const resume = () => onStandby`select pg_wal_replay_resume()`;

  /** Pauses replay right after the standby has replayed a fresh commit, so its lag starts from zero. */
  /**
   * Sessions of the same organization staff member, each signed in, returned once the sign-in's pin to the primary
   * (10 s) has passed for all of them, so their next reads may go to the replica.
   */
  async function unpinnedSessions(count: number): Promise<HttpClient[]> {
    const sessions: HttpClient[] = [];
    for (let i = 0; i < count; i++) {
      const session = new HttpClient(app.baseUrl);
      await session.signIn("org.gar@demo.local");
      sessions.push(session);
    }
    await new Promise((r) => setTimeout(r, 10_500));
    return sessions;
  }

  async function pauseReplayNow() {
    await sql`create table if not exists drill_tick (at timestamptz)`;
    await sql`insert into drill_tick values (now())`;
    const [{ lsn }] = await sql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
    await waitFor(
      async () =>
        (await onStandby<{ ok: boolean }[]>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`)[0].ok,
      "the standby to catch up",
    );
    await onStandby`select pg_wal_replay_pause()`;
    return Date.now();
  }

  it("shows a user their own write on the next page while the replica lags, and others only once it has it", async () => {
    // Both sessions start unpinned: the sign-in post pins for 10 s, so wait that out.
    const [writer, reader] = await unpinnedSessions(2);

    const pausedAt = await pauseReplayNow();
    try {
      const description = `读己之写 ${randomUUID().slice(0, 8)}`;
      const posted = await writer.post(page(), expenditure(description));
      expect(posted.status).toBe(302);
      const next = await writer.get(posted.headers.get("location")!);
      expect(next.status).toBe(200);
      expect(await next.text()).toContain(description);

      // Another session reads the lagging replica: the write is not there yet. (Still within the lag limit.)
      const other = await reader.get(page());
      expect(other.status).toBe(200);
      expect(await other.text()).not.toContain(description);
      expect(Date.now() - pausedAt).toBeLessThan(MAX_LAG_MS);

      // The standby really lacks it (so the writer's page came from the primary).
      const onReplica = await onStandby`select 1 from expenditures where description = ${description}`;
      expect(onReplica).toHaveLength(0);

      await resume();
      await waitFor(
        async () => (await (await reader.get(page())).text()).includes(description),
        "the replica to catch up",
        15_000,
      );
    } finally {
      await resume().catch(() => {});
    }
  }, 90_000);

  it("stops reading from a replica that lags beyond DATABASE_REPLICA_MAX_LAG_MS, and uses it again when it catches up", async () => {
    const [writer, reader] = await unpinnedSessions(2);

    const pausedAt = await pauseReplayNow();
    try {
      const description = `复制延迟 ${randomUUID().slice(0, 8)}`;
      expect((await writer.post(page(), expenditure(description))).status).toBe(302);
      expect(await (await reader.get(page())).text()).not.toContain(description);
      // Replay stays paused; once the lag passes the limit the reader is served by the primary.
      await waitFor(
        async () => (await (await reader.get(page())).text()).includes(description),
        "the replica to be skipped",
        30_000,
        500,
      );
      expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(MAX_LAG_MS);
      expect(app.output()).toMatch(/read replica skipped[^\n]*lagging/);
    } finally {
      await resume();
    }
    await waitFor(
      async () => /read replica in use/.test(app.output().split("read replica skipped").pop() ?? ""),
      "the replica to be used again",
      15_000,
    );
  }, 90_000);

  it("answers every page at once when the replica dies, from the primary", async () => {
    const [reader] = await unpinnedSessions(1);
    standby.stop("immediate");
    const timings: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = Date.now();
      const res = await reader.get(page(), { signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      timings.push(Date.now() - started);
    }
    // No request waits for the dead replica: a refused connection sends the read to the primary at once.
    expect(Math.max(...timings)).toBeLessThan(3000);
    await waitFor(
      async () => /read replica skipped/.test(app.output().split("read replica in use").pop() ?? ""),
      "the replica to be skipped",
      5000,
    );
  }, 60_000);
});
