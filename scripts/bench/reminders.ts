// npm run bench:reminders — 100,000 due visits → reminders in the outbox → BullMQ → in-app notifications, timed end
// to end, next to a bare BullMQ baseline (100,000 no-op jobs added and processed on the same Redis, same
// concurrency). Uses a database of its own and a Redis key prefix of its own, and removes both afterwards.
// Env: BENCH_VISITS (default 100000), BENCH_CONCURRENCY (1000), REDIS_URL, BENCH_DATABASE_URL (admin connection).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Queue, Worker } from "bullmq";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import postgres from "postgres";
import { migrateDatabase, openDatabase, queryRows } from "#db/client";
import { facilities, people, regions, users, visits } from "#db/schema";
import { buildIdNumber } from "~/modules/people/id-number";
import { protectIdNumber } from "~/modules/people/id-number-crypto.server";
import { SCAN_QUEUE } from "~/modules/reminders/outbox.server";
import type { ReminderSettings } from "~/modules/reminders/settings.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { startReminderWorkers } from "../../workers/runtime";
import { removeKeysWithPrefix } from "../../workers/testing/processes";

const VISITS = Number(process.env.BENCH_VISITS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1000);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
process.env.DATA_KEY ??= randomBytes(32).toString("hex");
process.env.DATA_DIR ??= `/tmp/snc-bench-${process.pid}`;
process.env.LOG_LEVEL ??= "warn";

const run = randomBytes(4).toString("hex");
const dbName = `snc_bench_${run}`;
const prefix = `snc-bench-${run}`;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

const settings: ReminderSettings = {
  scanEveryMs: 3_600_000,
  dueWithinDays: 3,
  escalateAfterDays: 7,
  contractEndingDays: 30,
  quietHours: null,
  // Midnight, so that "due in 3 days" reminders are due now whatever the time of day the bench runs.
  sendTime: "00:00",
  windowMs: 48 * 3_600_000,
  attempts: 5,
  backoffMs: 1000,
  concurrency: CONCURRENCY,
  lockMs: 30_000,
  appUrl: undefined,
  webhookKinds: new Set(),
  smtpUrl: undefined,
  mailFrom: "bench@localhost",
  webhookUrl: undefined,
};

async function withAdmin<T>(work: (sql: postgres.Sql) => Promise<T>) {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function baseline(redisUrl: string): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("bench-noop", { connection, prefix });
  let done = 0;
  const worker = new Worker("bench-noop", async () => {}, {
    connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
    prefix,
    concurrency: CONCURRENCY,
    removeOnComplete: { count: 0 },
  });
  worker.on("completed", () => done++);
  await worker.waitUntilReady();
  const start = performance.now();
  for (let i = 0; i < VISITS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, VISITS - i) }, (_, j) => ({
        name: "noop",
        data: { n: i + j },
        opts: { jobId: `n${i + j}`, removeOnComplete: true },
      })),
    );
  }
  await waitFor(async () => done >= VISITS, 600_000, "baseline jobs");
  const elapsed = performance.now() - start;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return elapsed;
}

async function seed(handle: ReturnType<typeof openDatabase>) {
  const { db } = handle;
  const codes = [
    ["540000000000", "province", null, "西藏自治区"],
    ["540400000000", "prefecture", "540000000000", "林芝市"],
    ["540402000000", "county", "540400000000", "巴宜区"],
    ["540402101000", "township", "540402000000", "百巴镇"],
  ] as const;
  const ids = new Map<string, number>();
  for (const [code, level, parent, name] of codes) {
    const [row] = await db
      .insert(regions)
      .values({ code, level, name, parentId: parent ? ids.get(parent)! : null })
      .returning({ id: regions.id });
    ids.set(code, row.id);
  }
  const villageIds: number[] = [];
  for (let v = 1; v <= 10; v++) {
    const [row] = await db
      .insert(regions)
      .values({
        code: `5404021012${String(v).padStart(2, "0")}`,
        level: "village",
        name: `基准村${v}`,
        parentId: ids.get("540402101000")!,
      })
      .returning({ id: regions.id });
    villageIds.push(row.id);
  }
  const [station] = await db
    .insert(facilities)
    .values({
      code: "BENCH-SW01",
      kind: "social_work_station",
      name: "基准社工站",
      townshipId: ids.get("540402101000")!,
      status: "operating",
    })
    .returning({ id: facilities.id });
  const staff = await db
    .insert(users)
    .values(
      Array.from({ length: 50 }, (_, i) => ({
        email: `bench${i}@bench.local`,
        name: `基准社工${i}`,
        passwordHash: "not-a-login",
        role: "station_staff" as const,
        facilityId: station.id,
        isStationHead: i === 0,
      })),
    )
    .returning({ id: users.id });
  const birthBase = "1940-01-01";
  for (let i = 0; i < VISITS; i += 2000) {
    const rows = [];
    for (let j = i; j < Math.min(VISITS, i + 2000); j++) {
      const birthDate = addDaysToDate(birthBase, j % 20000);
      const idNumber = buildIdNumber({
        region6: "540402",
        birthDate,
        sequence: Math.floor(j / 20000) * 2 + 1,
      });
      rows.push({
        fullName: `基准·${j}`,
        sex: "male" as const,
        birthDate,
        ...protectIdNumber(idNumber),
        villageId: villageIds[j % villageIds.length],
        stationId: station.id,
        categories: ["dibao"],
      });
    }
    await db.insert(people).values(rows);
  }
  const due = addDaysToDate(todayInShanghai(), settings.dueWithinDays);
  await db.execute(sql`
    insert into ${visits} (person_id, station_id, assigned_user_id, kind, due_on, status)
    select p.id, p.station_id, (array[${sql.raw(staff.map((s) => s.id).join(","))}])[1 + p.id % ${staff.length}], 'routine', ${due}, 'scheduled'
      from ${people} p`);
  await db.execute(sql`analyze`);
}

/** One end-to-end run over the seeded visits; the outbox and notifications start empty. */
async function endToEnd(handle: ReturnType<typeof openDatabase>, deliverDueInScan: boolean) {
  const workers = await startReminderWorkers({
    handle,
    redisUrl: REDIS_URL,
    prefix,
    settings,
    name: "bench",
    deliverDueInScan,
  });
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const scanQueue = new Queue(SCAN_QUEUE, { connection, prefix });
  const start = performance.now();
  await scanQueue.add("scan", {}, { jobId: `bench-scan-${deliverDueInScan}`, removeOnComplete: true });
  let scanned = 0;
  await waitFor(
    async () => {
      const [row] = await queryRows<{ n: number; outbox: number }>(
        handle.db,
        sql`select (select count(*) from notifications)::int as n, (select count(*) from reminders)::int as outbox`,
      );
      if (!scanned && row.outbox >= VISITS) scanned = performance.now();
      return row.n >= VISITS;
    },
    900_000,
    "all reminders delivered",
  );
  const end = performance.now();
  await workers.stop();
  await scanQueue.obliterate({ force: true });
  await scanQueue.close();
  connection.disconnect();
  const [check] = await queryRows<{ sent: number; notified: number; distinct: number }>(
    handle.db,
    sql`select (select count(*) from reminders where status = 'sent')::int as sent,
               (select count(*) from notifications)::int as notified,
               (select count(distinct reminder_id) from notifications)::int as distinct`,
  );
  if (check.sent !== VISITS || check.notified !== VISITS || check.distinct !== VISITS)
    throw new Error(`delivery mismatch: ${JSON.stringify(check)}`);
  const totalMs = end - start;
  const rate = VISITS / (totalMs / 1000);
  return {
    rate,
    lines: [
      `scan job started → ${fmt(VISITS)} outbox rows written after ${seconds(scanned - start)}, all delivered after ${seconds(totalMs)} → ${fmt(rate)} reminders/s`,
      `every reminder delivered exactly once: ${fmt(check.notified)} notifications for ${fmt(check.sent)} reminders`,
    ],
  };
}

async function main() {
  console.log(
    `bench:reminders — ${fmt(VISITS)} due visits, concurrency ${CONCURRENCY}, Redis ${REDIS_URL}, prefix ${prefix}`,
  );
  await withAdmin((admin) => admin.unsafe(`create database "${dbName}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const handle = openDatabase({ url: url.toString(), max: 10 });
  let failed = false;
  try {
    await migrateDatabase(handle);
    const t0 = performance.now();
    await seed(handle);
    console.log(
      `  set-up: ${fmt(VISITS)} people and visits in ${seconds(performance.now() - t0)} (not timed below)`,
    );

    // why: BENCH_SKIP_BASELINE=1 only for profiling the pipeline alone; the report needs both.
    const bareMs = process.env.BENCH_SKIP_BASELINE === "1" ? 1 : await baseline(REDIS_URL);
    const bareRate = VISITS / (bareMs / 1000);
    console.log(
      `  bare BullMQ: ${fmt(VISITS)} no-op jobs added and processed in ${seconds(bareMs)} → ${fmt(bareRate)} jobs/s`,
    );

    // The production path: the workers run, a scan job finds the due visits and writes the outbox; in-app
    // reminders already due are delivered by the scan's own statements, the rest are queued chunk by chunk for the
    // delivery worker. Then the same again with delivery in the scan off: every reminder through BullMQ.
    const phases = [
      { label: "end to end (in-app reminders due now delivered by the scan)", deliverDueInScan: true },
      { label: "through the queue alone (delivery in the scan off)", deliverDueInScan: false },
    ];
    const rates: number[] = [];
    for (const phase of phases) {
      await handle.db.execute(sql`truncate notifications, reminders restart identity cascade`);
      const { rate, lines } = await endToEnd(handle, phase.deliverDueInScan);
      rates.push(rate);
      console.log(`  ${phase.label}:`);
      for (const line of lines) console.log(`    ${line}`);
      const ratio = rate / bareRate;
      console.log(
        `    ratio to bare BullMQ: ${fmt(ratio, 2)} (aim ≥ 0.50)${ratio < 0.5 ? "  ← below the aim" : ""}`,
      );
    }
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    await handle.close();
    await withAdmin((admin) => admin.unsafe(`drop database if exists "${dbName}" with (force)`));
    await removeKeysWithPrefix(REDIS_URL, prefix);
    console.log("  cleaned up: database dropped, Redis keys removed");
  }
  process.exit(failed ? 1 : 0);
}

await main();
