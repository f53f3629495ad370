// npm run drill:redis-failover — the loss of the Redis master while reminders are being delivered, on this machine,
// with real processes: a master, a replica and three Sentinels on loopback ports, the built app and two reminder
// worker processes on REDIS_URL=redis+sentinel://…/mymaster, PostgreSQL (the outbox) on a cluster of the drill's own.
// Thousands of in-app and group-robot reminders are written to the outbox and keep coming; mid-delivery the replica's
// link is cut and a second later the master is killed, so the promoted replica really lacks the master's last writes
// (what asynchronous replication loses). Sentinel promotes the replica; the workers, the scan scheduler and the app's
// producer carry on; the reconciler refills from PostgreSQL what Redis lost. Every reminder must be delivered exactly
// once: one notification each, one webhook post per idempotency key. Exits non-zero otherwise.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { todayInShanghai } from "~/utils/dates";
import { HttpClient } from "../../test/support/http";
import { demoPrimary, openAdmin, waitFor } from "./support/postgres";
import {
  Cleanup,
  drillKeys,
  ensureAppBuilt,
  runDrillCommand,
  seconds,
  startAppProcess,
  startWorkerProcess,
} from "./support/processes";
import { ensureRedisSentinel, MASTER_NAME, startSentinelGroup } from "./support/sentinel";

export type RedisFailoverReport = {
  ok: boolean;
  problems: string[];
  reminders: { written: number; inApp: number; webhooks: number };
  inApp: { once: number; twice: number; missing: number };
  webhooks: { once: number; twice: number; missing: number; flaggedResent: number };
  failover: {
    masterAtKill: number;
    promoted: number;
    failoverMs: number;
    lostBytes: number;
    sentBeforeKill: number;
    readdedAfterFailover: number;
    deliveryGapMs: number;
    scansAfterFailover: boolean;
    adminPageOnline: boolean;
    oldMasterRejoinedMs: number;
  };
  processes: { appRestarted: boolean; workersRestarted: number };
  durationMs: number;
};

/** A group robot of our own: counts posts per Idempotency-Key, answers as WeCom does. */
async function webhookReceiver(cleanup: Cleanup) {
  const received = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const key = String(req.headers["idempotency-key"] ?? "");
      received.set(key, (received.get(key) ?? 0) + 1);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.add(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot`, received };
}

export async function redisFailoverDrill({
  cleanup = new Cleanup(),
  log = (line: string) => console.log(line),
  initialBatch = 10_000,
  afterFailoverMs = 10_000,
  linkCutBeforeKillMs = 1000,
}: {
  cleanup?: Cleanup;
  log?: (line: string) => void;
  /** In-app reminders written at once before the failure, so delivery is in full swing when the master dies. */
  initialBatch?: number;
  afterFailoverMs?: number;
  /** The replica's link is cut this long before the master dies: the writes of that time are lost with it. */
  linkCutBeforeKillMs?: number;
} = {}): Promise<RedisFailoverReport> {
  const started = Date.now();
  const problems: string[] = [];
  drillKeys();
  try {
    ensureRedisSentinel(log);
    log("build: the app (skipped when up to date)");
    await ensureAppBuilt();
    log("set-up: PostgreSQL with the demo data; Redis master, replica and three Sentinels");
    const { primary } = await demoPrimary(cleanup);
    const sql = openAdmin(primary.url("app"), 4);
    cleanup.add(() => sql.end({ timeout: 1 }));
    const group = await startSentinelGroup(cleanup);
    const robot = await webhookReceiver(cleanup);
    const prefix = "drill-redisfail";
    log(`app and workers: REDIS_URL=${group.url}`);
    const shared = { DATABASE_URL: primary.url("app"), REDIS_URL: group.url, QUEUE_PREFIX: prefix };
    const app = await startAppProcess(cleanup, shared);
    const workerEnv = {
      ...shared,
      DATABASE_POOL_SIZE: "8",
      REMINDER_QUIET_HOURS: "off",
      REMINDER_SCAN_EVERY_MS: "1000",
      REMINDER_BACKOFF_MS: "200",
      REMINDER_ATTEMPTS: "20",
      REMINDER_LOCK_MS: "3000",
    };
    const workers = [
      await startWorkerProcess(cleanup, workerEnv),
      await startWorkerProcess(cleanup, workerEnv),
    ];

    const admin = new HttpClient(app.baseUrl);
    await admin.signIn("admin@demo.local");
    const workersOnline = async () =>
      (await (await admin.get("/admin/reminders")).text()).includes("worker-status--online");
    await waitFor(workersOnline, "the admin page to show the workers online", 30_000, 500);

    const [contract] = await sql<
      { id: number }[]
    >`select id from contracts where status = 'active' order by id limit 1`;
    const users = await sql<
      { id: number }[]
    >`select id from users where disabled_at is null order by id limit 20`;
    let written = 0;
    let webhooks = 0;
    const write = async (label: string, inApp: number, robots: number) => {
      const rows = [
        ...Array.from({ length: inApp }, (_, i) => ({
          channel: "in_app",
          recipient_user_id: users[i % users.length].id,
          recipient_address: null as string | null,
          dedupe_key: `drill:${label}:${i}:in_app`,
        })),
        ...Array.from({ length: robots }, (_, i) => ({
          channel: "webhook",
          recipient_user_id: null as number | null,
          recipient_address: robot.url,
          dedupe_key: `drill:${label}:${i}:webhook`,
        })),
      ].map((r) => ({
        ...r,
        kind: "deliverable_behind",
        subject_type: "contract",
        subject_id: contract.id,
        send_at: new Date(),
        payload: sql.json({
          occurrence: r.dedupe_key,
          contractCode: label,
          contractTitle: "演练",
          organizationName: "演练",
        }),
      }));
      for (let i = 0; i < rows.length; i += 5000)
        await sql`insert into reminders ${sql(rows.slice(i, i + 5000))}`;
      written += rows.length;
      webhooks += robots;
    };
    const sentCount = async () =>
      (
        await sql<
          { n: number }[]
        >`select count(*)::int as n from reminders where dedupe_key like 'drill:%' and status = 'sent'`
      )[0].n;

    log(`load: ${initialBatch} in-app and 100 group-robot reminders at once, then 100 + 5 every 250 ms`);
    await write("initial", initialBatch, 100);
    let steady = true;
    const steadyLoad = (async () => {
      for (let n = 0; steady; n++) {
        await write(`steady${n}`, 100, 5).catch((e) => problems.push(`outbox write failed: ${e.message}`));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await waitFor(
      async () => (await sentCount()) >= Math.min(1000, initialBatch / 5),
      "delivery to be under way",
      120_000,
      100,
    );

    // The in-flight window: the replica's link is cut (it reconnects and would catch up, so it is frozen first), the
    // master goes on taking writes for a second, then dies.
    const masterClient = group.master.client();
    const offset = async () =>
      Number(/master_repl_offset:(\d+)/.exec(await masterClient.info("replication"))?.[1] ?? 0);
    group.replica.kill("SIGSTOP");
    await masterClient.call("CLIENT", "KILL", "TYPE", "replica");
    const offsetAtCut = await offset();
    await new Promise((r) => setTimeout(r, linkCutBeforeKillMs));
    const offsetAtKill = await offset();
    masterClient.disconnect();
    const sentBeforeKill = await sentCount();
    const killedAt = Date.now();
    group.master.kill("SIGKILL");
    group.replica.kill("SIGCONT");
    log(
      `failure: master killed mid-delivery (${sentBeforeKill} of ${written} sent); its last ${offsetAtKill - offsetAtCut} bytes of writes never reached the replica`,
    );

    await waitFor(
      async () => (await group.currentMaster()) === group.replica.port,
      "Sentinel to promote the replica",
      60_000,
      100,
    );
    const promotedAt = Date.now();
    log(`failover: Sentinel named the replica master after ${seconds(promotedAt - killedAt)}`);

    // What the reconciler put back: the first scan on the new master re-adds every queued row of the window.
    let readded = 0;
    let scansAfterFailover = false;
    const watchScans = setInterval(() => {
      void sql<
        { value: { at: string; readded: number } }[]
      >`select value from app_meta where key = 'reminders.last_scan'`
        .then(([row]) => {
          if (row && Date.parse(row.value.at) > promotedAt) {
            scansAfterFailover = true;
            readded = Math.max(readded, row.value.readded);
          }
        })
        .catch(() => {});
    }, 100);
    await new Promise((r) => setTimeout(r, afterFailoverMs));
    steady = false;
    await steadyLoad;
    log(`load stopped: ${written} reminders written; waiting for every one to be delivered`);
    await waitFor(
      async () => (await sentCount()) === written,
      "every reminder delivered",
      180_000,
      500,
    ).catch(() => {});
    clearInterval(watchScans);
    const adminPageOnline = await workersOnline().catch(() => false);

    const [inApp] = await sql<{ once: number; twice: number; missing: number }[]>`
      select count(*) filter (where n = 1)::int as once, count(*) filter (where n > 1)::int as twice,
             count(*) filter (where n = 0)::int as missing
        from (select r.id, count(x.id) as n from reminders r left join notifications x on x.reminder_id = r.id
               where r.dedupe_key like 'drill:%' and r.channel = 'in_app' group by r.id) t`;
    const robotKeys = await sql<{ key: string; resent: boolean }[]>`
      select dedupe_key as key, resent_after_interruption as resent from reminders
       where dedupe_key like 'drill:%' and channel = 'webhook'`;
    const posts = robotKeys.map((r) => robot.received.get(r.key) ?? 0);
    const robotCheck = {
      once: posts.filter((n) => n === 1).length,
      twice: posts.filter((n) => n > 1).length,
      missing: posts.filter((n) => n === 0).length,
      flaggedResent: robotKeys.filter((r) => r.resent).length,
    };
    const [{ gap }] = await sql<{ gap: number }[]>`
      select coalesce(max(extract(epoch from next - at) * 1000), 0)::float8 as gap from (
        select n.created_at as at, lead(n.created_at) over (order by n.created_at) as next
          from notifications n join reminders r on r.id = n.reminder_id where r.dedupe_key like 'drill:%') g
       where at >= ${new Date(killedAt - 5000)} and at <= ${new Date(promotedAt + 5000)}`;

    // The old master comes back empty (no persistence): Sentinel makes it a replica of the new master.
    const rejoinStarted = Date.now();
    await group.master.start();
    await waitFor(
      async () => {
        const client = group.master.client();
        const info = await client.info("replication").finally(() => client.disconnect());
        return (
          /role:slave/.test(info) &&
          info.includes(`master_port:${group.replica.port}`) &&
          /master_link_status:up/.test(info)
        );
      },
      "the old master to rejoin as a replica",
      60_000,
      250,
    ).catch(() => problems.push("the old master did not rejoin as a replica within 60 s"));
    const oldMasterRejoinedMs = Date.now() - rejoinStarted;

    if (inApp.missing > 0) problems.push(`${inApp.missing} in-app reminders never delivered`);
    if (inApp.twice > 0) problems.push(`${inApp.twice} in-app reminders delivered more than once`);
    if (robotCheck.missing > 0) problems.push(`${robotCheck.missing} group-robot reminders never posted`);
    if (robotCheck.twice > robotCheck.flaggedResent)
      problems.push(
        `${robotCheck.twice} group-robot reminders posted more than once (${robotCheck.flaggedResent} flagged)`,
      );
    if (!scansAfterFailover) problems.push("no scan ran on the new master");
    if (!adminPageOnline) problems.push("the admin page does not show the workers online after the failover");
    const workersRestarted = workers.filter((w) => w.child.exitCode !== null).length;
    if (workersRestarted)
      problems.push(
        `${workersRestarted} worker processes exited:\n${workers.map((w) => w.output().slice(-1500)).join("\n")}`,
      );
    const appRestarted = app.child.exitCode !== null;
    if (appRestarted) problems.push(`the app exited:\n${app.output().slice(-2000)}`);
    const failed = await sql<
      { n: number }[]
    >`select count(*)::int as n from reminders where dedupe_key like 'drill:%' and status = 'failed'`;
    if (failed[0].n > 0) problems.push(`${failed[0].n} reminders marked failed`);
    return {
      ok: problems.length === 0,
      problems,
      reminders: { written, inApp: written - webhooks, webhooks },
      inApp,
      webhooks: robotCheck,
      failover: {
        masterAtKill: group.master.port,
        promoted: group.replica.port,
        failoverMs: promotedAt - killedAt,
        lostBytes: offsetAtKill - offsetAtCut,
        sentBeforeKill,
        readdedAfterFailover: readded,
        deliveryGapMs: gap,
        scansAfterFailover,
        adminPageOnline,
        oldMasterRejoinedMs,
      },
      processes: { appRestarted, workersRestarted },
      durationMs: Date.now() - started,
    };
  } finally {
    await cleanup.run();
  }
}

export function printRedisFailoverReport(r: RedisFailoverReport, log = (l: string) => console.log(l)) {
  const f = r.failover;
  log("");
  log(`drill:redis-failover — results (Sentinel group "${MASTER_NAME}", ${todayInShanghai()})`);
  log(
    `  reminders written ${r.reminders.written}: in-app ${r.reminders.inApp}, group robot ${r.reminders.webhooks}`,
  );
  log(
    `  master killed with ${f.sentBeforeKill} sent; ${f.lostBytes} bytes of its last writes were not on the replica`,
  );
  log(
    `  Sentinel promoted the replica after ${seconds(f.failoverMs)}; longest pause between deliveries ${seconds(f.deliveryGapMs)}`,
  );
  log(
    `  reconciler re-added ${f.readdedAfterFailover} jobs from the outbox on the new master; scans carried on: ${f.scansAfterFailover}`,
  );
  log(`  in-app: delivered once ${r.inApp.once}, twice ${r.inApp.twice}, missing ${r.inApp.missing}`);
  log(
    `  group robot: posted once ${r.webhooks.once}, twice ${r.webhooks.twice} (flagged ${r.webhooks.flaggedResent}), missing ${r.webhooks.missing}`,
  );
  log(
    `  admin page shows the workers online afterwards: ${f.adminPageOnline}; app restarted: ${r.processes.appRestarted}; workers exited: ${r.processes.workersRestarted}`,
  );
  log(`  old master restarted and rejoined as a replica in ${seconds(f.oldMasterRejoinedMs)}`);
  log(
    `  drill took ${seconds(r.durationMs)}; ${r.ok ? "PASSED" : `FAILED:\n    ${r.problems.join("\n    ")}`}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runDrillCommand(redisFailoverDrill, printRedisFailoverReport);
