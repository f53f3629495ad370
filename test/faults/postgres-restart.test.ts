// PostgreSQL stopped in immediate mode (a crash: no shutdown checkpoint, connections cut) and started again while form
// posts stream in: every post that got its redirect is in the database, nothing is half-written, and the running app
// serves again without a restart; a reminder worker process carries on by itself too. A private cluster, so the shared
// server keeps serving everyone else.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "#db/client";
import { todayInShanghai } from "~/utils/dates";
import { seedDemoData } from "../../scripts/seed/index";
import { removeKeysWithPrefix, startWorkerProcess } from "../../workers/testing/processes";
import { HttpClient } from "../support/http";
import { type PgCluster, startPgCluster } from "../support/pg-cluster";
import { type AppProcess, ensureAppBuilt, openContractOf, openSql, startApp } from "./support";

type Sent = { kind: "expenditure" | "allocation"; key: string; status: number | "failed"; location: string };

describe("PostgreSQL restarted in immediate mode under load", () => {
  let cluster: PgCluster;
  let sql: postgres.Sql;
  let app: AppProcess & { dataDir: string };
  const today = todayInShanghai();

  beforeAll(async () => {
    await ensureAppBuilt();
    cluster = await startPgCluster();
    const admin = openSql(cluster.url(), 1);
    await admin`create database app`;
    await admin.end();
    const handle = openDatabase({ url: cluster.url("app"), max: 2 });
    await migrateDatabase(handle);
    const seeded = await seedDemoData(handle.db);
    await handle.close();
    if (!seeded.seeded) throw new Error(`Demo data not loaded: ${seeded.reason}`);
    sql = openSql(cluster.url("app"), 2);
    app = await startApp({ databaseUrl: cluster.url("app") });
  });

  afterAll(async () => {
    await app?.stop();
    await sql?.end({ timeout: 1 });
    cluster?.destroy();
    if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged post, leaves nothing half-written and serves again by itself", async () => {
    const contractId = await openContractOf(sql, "噶尔县社区服务中心", today);
    const [source] = await sql<{ id: number }[]>`
      select s.id from funding_sources s join regions r on r.id = s.region_id
      where r.code in ('542500000000', '542523000000') and s.total_fen - s.allocated_fen >= 100000
      order by s.year desc, s.id limit 1`;
    expect(source).toBeDefined();
    const org = new HttpClient(app.baseUrl);
    await org.signIn("org.gar@demo.local");
    const planner = new HttpClient(app.baseUrl);
    await planner.signIn("planner.ngari@demo.local");

    const sent: Sent[] = [];
    let stop = false;
    const post = async (kind: Sent["kind"]) => {
      const key = randomUUID();
      const [client, path, form] =
        kind === "expenditure"
          ? ([
              org,
              `/contracts/${contractId}/expenditures`,
              {
                spentOn: today,
                category: "activities",
                amount: "12.34",
                description: "故障测试：数据库重启",
              },
            ] as const)
          : ([
              planner,
              "/funding/allocate",
              {
                fundingSourceId: String(source.id),
                contractId: String(contractId),
                amount: "1.00",
                allocatedOn: today,
                note: "故障测试：数据库重启",
              },
            ] as const);
      try {
        const res = await client.post(path, { ...form, _key: key }, { signal: AbortSignal.timeout(15_000) });
        sent.push({ kind, key, status: res.status, location: res.headers.get("location") ?? "" });
      } catch {
        sent.push({ kind, key, status: "failed", location: "" });
      }
    };
    const workers = Array.from({ length: 6 }, async (_, i) => {
      while (!stop) {
        await post(i % 3 === 2 ? "allocation" : "expenditure");
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    await new Promise((r) => setTimeout(r, 2_000));
    const beforeCrash = sent.length;
    cluster.stop("immediate");
    await new Promise((r) => setTimeout(r, 1_500));
    cluster.start();
    // The same app process answers a post again without being restarted.
    const pid = app.child.pid;
    const recoveredBy = Date.now() + 30_000;
    let recovered = false;
    while (!recovered && Date.now() < recoveredBy) {
      await new Promise((r) => setTimeout(r, 250));
      const since = sent.length;
      recovered = sent.slice(Math.max(0, since - 6)).some((s) => s.status === 302);
    }
    await new Promise((r) => setTimeout(r, 1_500));
    stop = true;
    await Promise.all(workers);

    if (!recovered) console.error(JSON.stringify(sent.slice(-12)), app.output().slice(-3000));
    expect(recovered).toBe(true);
    expect(app.child.pid).toBe(pid);
    expect(app.child.exitCode).toBeNull();
    expect(beforeCrash).toBeGreaterThan(0);
    const acknowledged = sent.filter((s) => s.status === 302 || s.status === 303);
    const refused = sent.filter((s) => !acknowledged.includes(s));
    // The outage was real: some posts were refused while the server was down; none hung past the timeout unseen.
    expect(refused.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(10);

    // Every acknowledged post is there, once, with its audit entry.
    const rows = await sql<{ key: string; action: string; id: number | null }[]>`
      select key::text, action, (result->>'id')::int as id from form_submissions
      where key = any(${acknowledged.map((s) => s.key)}::uuid[])`;
    expect(rows).toHaveLength(acknowledged.length);
    expect(rows.every((r) => r.id !== null)).toBe(true);
    const expenditureIds = rows.filter((r) => r.action === "expenditure.create").map((r) => r.id as number);
    const allocationIds = rows.filter((r) => r.action === "allocation.create").map((r) => r.id as number);
    expect(expenditureIds.length + allocationIds.length).toBe(acknowledged.length);
    expect(await sql`select id from expenditures where id = any(${expenditureIds}::int[])`).toHaveLength(
      expenditureIds.length,
    );
    expect(await sql`select id from allocations where id = any(${allocationIds}::int[])`).toHaveLength(
      allocationIds.length,
    );
    for (const s of acknowledged.filter((s) => s.kind === "expenditure"))
      expect(s.location).toMatch(new RegExp(`/contracts/${contractId}/expenditures\\?recorded=\\d+$`));

    // Nothing half-written: every row written by the test has its idempotency record and its audit entry, and each
    // source's running sum equals its allocations.
    const orphans = await sql`
      select e.id from expenditures e
      where e.description = '故障测试：数据库重启' and (
        not exists (select 1 from form_submissions f where f.action = 'expenditure.create' and (f.result->>'id')::int = e.id)
        or not exists (select 1 from audit_log a where a.entity_type = 'expenditure' and a.entity_id = e.id::text))`;
    expect(orphans).toHaveLength(0);
    const unaudited = await sql`
      select a.id from allocations a where a.note = '故障测试：数据库重启' and (
        not exists (select 1 from form_submissions f where f.action = 'allocation.create' and (f.result->>'id')::int = a.id)
        or not exists (select 1 from audit_log l where l.entity_type = 'allocation' and l.entity_id = a.id::text))`;
    expect(unaudited).toHaveLength(0);
    const pending = await sql`select key from form_submissions where result is null`;
    expect(pending).toHaveLength(0);
    const drift = await sql`
      select s.id from funding_sources s
      where s.allocated_fen <> coalesce((select sum(a.amount_fen) from allocations a where a.funding_source_id = s.id), 0)`;
    expect(drift).toHaveLength(0);
  }, 60_000);
  it("keeps a reminder worker process delivering, each reminder once, across the crash", async () => {
    const prefix = `pgfault-${randomUUID()}`;
    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const worker = startWorkerProcess({
      DATABASE_URL: cluster.url("app"),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      REMINDER_QUIET_HOURS: "off",
      REMINDER_SCAN_EVERY_MS: "1000",
      REMINDER_BACKOFF_MS: "200",
      REMINDER_ATTEMPTS: "20",
      REMINDER_LOCK_MS: "3000",
      LOG_LEVEL: "info",
    });
    const waitFor = async (check: () => Promise<boolean>, what: string, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check().catch(() => false))) {
        if (worker.child.exitCode !== null)
          throw new Error(`the worker exited (${worker.child.exitCode}):\n${worker.output().slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`timed out: ${what}\n${worker.output().slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const [contract] = await sql<{ id: number }[]>`
      select id from contracts where status = 'active' order by id limit 1`;
    const recipients = await sql<{ id: number }[]>`
      select id from users where disabled_at is null order by id limit 10`;
    const addBatch = async (label: string, count: number) => {
      const rows = Array.from({ length: count }, (_, i) => ({
        kind: "deliverable_behind",
        subject_type: "contract",
        subject_id: contract.id,
        recipient_user_id: recipients[i % recipients.length].id,
        channel: "in_app",
        send_at: new Date(),
        dedupe_key: `pgfault:${label}-${i}`,
        payload: sql.json({
          occurrence: `${label}-${i}`,
          contractCode: label,
          contractTitle: "故障测试",
          organizationName: "测试",
        }),
      }));
      for (let i = 0; i < rows.length; i += 5000)
        await sql`insert into reminders ${sql(rows.slice(i, i + 5000))}`;
    };
    const sentOf = async (label: string) => {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from reminders where dedupe_key like ${`pgfault:${label}-%`} and status = 'sent'`;
      return row.n;
    };
    try {
      await waitFor(async () => worker.output().includes("reminder workers started"), "the worker to start");
      await addBatch("before", 20_000);
      await waitFor(async () => (await sentOf("before")) > 0, "delivery to start");
      // The crash strikes mid-delivery: part of the batch is sent, the rest is queued or in flight.
      const sentBeforeCrash = await sentOf("before");
      cluster.stop("immediate");
      expect(sentBeforeCrash).toBeLessThan(20_000);
      await new Promise((r) => setTimeout(r, 1_500));
      cluster.start();
      await waitFor(
        async () => {
          await addBatch("after", 300);
          return true;
        },
        "an insert after the restart",
        30_000,
      );
      await waitFor(
        async () => (await sentOf("before")) === 20_000 && (await sentOf("after")) === 300,
        "every reminder sent",
        90_000,
      );

      expect(worker.child.exitCode).toBeNull();
      const [counts] = await sql<{ notified: number; duplicates: number }[]>`
        select count(*)::int as notified, (count(*) - count(distinct n.reminder_id))::int as duplicates
          from notifications n join reminders r on r.id = n.reminder_id
         where r.dedupe_key like 'pgfault:%'`;
      expect(counts).toEqual({ notified: 20_300, duplicates: 0 });
    } finally {
      worker.child.kill("SIGTERM");
      await worker.exited;
      await removeKeysWithPrefix(redisUrl, prefix);
    }
  }, 180_000);
});
