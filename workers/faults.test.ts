// Faults against real Redis and PostgreSQL, with worker processes of their own: two workers at once, Redis stopped
// and restarted (empty), FLUSHALL, SIGTERM and SIGKILL mid-job. Every reminder is delivered exactly once: one
// notification per in-app reminder (notifications.reminder_id is unique), one webhook post per webhook reminder. (A
// kill between a webhook's send and its commit would resend it with the same Idempotency-Key: external-delivery.test.ts.)
import http from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reminders } from "#db/schema";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../test/setup/database";
import { type OwnRedis, ownRedis, startWorkerProcess, type WorkerProcess } from "./testing/processes";

const database = useTestDatabase({ template: "demo" });

let redis: OwnRedis;
let hookUrl = "";
const hookHits = new Map<string, number>();
let hookServer: http.Server;
let batch = 0;

beforeAll(async () => {
  redis = await ownRedis();
  hookServer = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const code = /FAULT-\d+-\d+/.exec(body)?.[0] ?? "?";
      // A slow robot, so that jobs are really in flight when the faults strike.
      setTimeout(() => {
        hookHits.set(code, (hookHits.get(code) ?? 0) + 1);
        res.setHeader("Content-Type", "application/json");
        res.end('{"errcode":0,"errmsg":"ok"}');
      }, 20);
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/cgi-bin/webhook/send?key=fault`;
});

afterAll(async () => {
  await redis?.stop();
  hookServer?.close();
});

function workerEnv(): Record<string, string> {
  return {
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `fault-${database.name}`,
    WEBHOOK_URL: hookUrl,
    REMINDER_QUIET_HOURS: "off",
    REMINDER_LOCK_MS: "3000",
    REMINDER_BACKOFF_MS: "200",
    REMINDER_ATTEMPTS: "20",
    REMINDER_CONCURRENCY: "20",
    REMINDER_SCAN_EVERY_MS: "2000",
    LOG_LEVEL: "info",
  };
}

/** A batch of reminders straight into the outbox: in-app for demo accounts, and webhook posts. */
async function addBatch({ inApp, webhook }: { inApp: number; webhook: number }) {
  batch++;
  const [contract] = await queryRows<{ id: number }>(
    db,
    sql`select id from contracts where status = 'active' order by id limit 1`,
  );
  const users = await queryRows<{ id: number }>(
    db,
    sql`select id from users where disabled_at is null order by id limit 10`,
  );
  const rows: (typeof reminders.$inferInsert)[] = [];
  for (let i = 0; i < inApp + webhook; i++) {
    const code = `FAULT-${batch}-${i}`;
    const isHook = i >= inApp;
    rows.push({
      kind: "deliverable_behind",
      subjectType: "contract",
      subjectId: contract.id,
      recipientUserId: isHook ? null : users[i % users.length].id,
      recipientAddress: isHook ? hookUrl : null,
      channel: isHook ? "webhook" : "in_app",
      sendAt: new Date(),
      dedupeKey: `fault:${code}`,
      payload: { occurrence: code, contractCode: code, contractTitle: "故障测试", organizationName: "测试" },
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(reminders).values(rows.slice(i, i + 1000));
  return { batch, total: rows.length, webhook };
}

async function sentCount(b: number) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from reminders where dedupe_key like ${`fault:FAULT-${b}-%`} and status = 'sent'`,
  );
  return row.n;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every reminder of the batch sent, each exactly once on its channel. */
async function expectExactlyOnce({
  batch: b,
  total,
  webhook,
}: {
  batch: number;
  total: number;
  webhook: number;
}) {
  await waitUntil(
    async () => (await sentCount(b)) === total,
    90_000,
    `all ${total} reminders of batch ${b} sent`,
  );
  const [counts] = await queryRows<{ notified: number; duplicates: number }>(
    db,
    sql`select count(*)::int as notified,
               (count(*) - count(distinct n.reminder_id))::int as duplicates
          from notifications n join reminders r on r.id = n.reminder_id
         where r.dedupe_key like ${`fault:FAULT-${b}-%`}`,
  );
  expect(counts).toEqual({ notified: total - webhook, duplicates: 0 });
  const hooks = [...hookHits.entries()].filter(([code]) => code.startsWith(`FAULT-${b}-`));
  expect(hooks.length).toBe(webhook);
  expect(hooks.filter(([, n]) => n !== 1)).toEqual([]);
}

async function started(...workers: WorkerProcess[]) {
  await waitUntil(
    async () => workers.every((w) => w.output().includes("reminder workers started")),
    60_000,
    "workers to start",
  );
}

async function stopGracefully(w: WorkerProcess) {
  w.child.kill("SIGTERM");
  return w.exited;
}

describe("reminder delivery under faults", () => {
  it("delivers each reminder exactly once with two worker processes running at once", async () => {
    const workers = [startWorkerProcess(workerEnv()), startWorkerProcess(workerEnv())];
    await started(...workers);
    const b = await addBatch({ inApp: 1000, webhook: 60 });
    await expectExactlyOnce(b);
    const codes = await Promise.all(workers.map(stopGracefully));
    expect(codes).toEqual([0, 0]);
  }, 120_000);

  it("keeps reminders in the outbox while Redis is down and delivers them once it is back, empty", async () => {
    const worker = startWorkerProcess(workerEnv());
    const b = await addBatch({ inApp: 1500, webhook: 60 });
    await waitUntil(async () => (await sentCount(b.batch)) > 0, 60_000, "delivery to start");
    await redis.stop();
    const whileDown = await sentCount(b.batch);
    expect(whileDown).toBeLessThan(b.total);
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();
    await expectExactlyOnce(b);
    expect(await stopGracefully(worker)).toBe(0);
  }, 120_000);

  it("refills the queue from PostgreSQL after a FLUSHALL in the middle of delivery", async () => {
    const worker = startWorkerProcess(workerEnv());
    const b = await addBatch({ inApp: 1500, webhook: 60 });
    await waitUntil(async () => (await sentCount(b.batch)) > 0, 60_000, "delivery to start");
    await redis.flushAll();
    expect(await sentCount(b.batch)).toBeLessThan(b.total);
    await expectExactlyOnce(b);
    expect(await stopGracefully(worker)).toBe(0);
  }, 120_000);

  it("finishes running jobs on SIGTERM and leaves the rest for the next worker", async () => {
    const first = startWorkerProcess(workerEnv());
    const b = await addBatch({ inApp: 1500, webhook: 80 });
    await waitUntil(async () => (await sentCount(b.batch)) > 0, 60_000, "delivery to start");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    // Nothing half-done: every reminder is either sent with its message or still waiting.
    const [half] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from reminders r
           where r.dedupe_key like ${`fault:FAULT-${b.batch}-%`} and r.channel = 'in_app'
             and (r.status = 'sent') <> exists (select 1 from notifications n where n.reminder_id = r.id)`,
    );
    expect(half.n).toBe(0);
    const second = startWorkerProcess(workerEnv());
    await expectExactlyOnce(b);
    expect(await stopGracefully(second)).toBe(0);
  }, 120_000);

  it("redelivers nothing twice after a worker is killed with SIGKILL mid-job", async () => {
    const first = startWorkerProcess(workerEnv());
    const b = await addBatch({ inApp: 3000, webhook: 0 });
    await waitUntil(async () => (await sentCount(b.batch)) > 0, 60_000, "delivery to start");
    first.child.kill("SIGKILL");
    await first.exited;
    expect(await sentCount(b.batch)).toBeLessThan(b.total);
    // Its active jobs are stalled; the next worker takes them over once their locks expire.
    const second = startWorkerProcess(workerEnv());
    await expectExactlyOnce(b);
    expect(await stopGracefully(second)).toBe(0);
  }, 120_000);
});
