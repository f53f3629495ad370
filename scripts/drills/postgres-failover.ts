// npm run drill:postgres-failover — the loss of the PostgreSQL primary under a steady write load, on this machine,
// with real processes: a primary and a synchronous standby (pg_basebackup, streaming), the built app and a reminder
// worker process on a multi-host DATABASE_URL (target_session_attrs=read-write). The primary is stopped in immediate
// mode (a crash), a watchdog sees it gone and promotes the standby (pg_ctl promote); the app and the worker find the
// new primary by themselves. Then the old primary is rewound (pg_rewind) and rejoins as the new synchronous standby.
// Every write the app acknowledged must be on the new primary, every reminder delivered once; the time without
// writes is measured. Exits non-zero when anything acknowledged is missing or delivered twice.
import net from "node:net";
import { openDatabase } from "#db/client";
import { ownRedis, removeKeysWithPrefix } from "../../workers/testing/processes";
import { type Attempt, checkWrites, loadFixtures, WriteLoad, writeOutage } from "./support/load";
import {
  demoPrimaryAndStandby,
  makeSynchronous,
  openAdmin,
  rejoinAsStandby,
  streamingTo,
  waitFor,
} from "./support/postgres";
import {
  Cleanup,
  drillKeys,
  ensureAppBuilt,
  runDrillCommand,
  seconds,
  startAppProcess,
  startWorkerProcess,
} from "./support/processes";

export type PostgresFailoverReport = {
  ok: boolean;
  problems: string[];
  writes: {
    attempted: number;
    acknowledged: number;
    acknowledgedBefore: number;
    acknowledgedAfter: number;
    byKind: Record<string, number>;
    missing: number;
    refusedDuringOutage: number;
    committedAnyway: number;
  };
  timings: {
    detectedMs: number;
    promoteMs: number;
    failureToFirstWriteMs: number;
    withoutWritesMs: number;
    longestGapMs: number;
    rejoinMs: number;
  };
  reminders: { acknowledged: number; deliveredOnce: number; deliveredTwice: number; missing: number };
  processes: { appRestarted: boolean; workerRestarted: boolean };
  rejoined: { streaming: boolean; synchronous: boolean; hasEveryAcknowledgedWrite: boolean };
  durationMs: number;
};

/** True when something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

export async function postgresFailoverDrill({
  cleanup = new Cleanup(),
  log = (line: string) => console.log(line),
  loadBeforeMs = 8000,
  loadAfterMs = 10_000,
  watchdogEveryMs = 250,
  watchdogMisses = 3,
}: {
  log?: (line: string) => void;
  loadBeforeMs?: number;
  loadAfterMs?: number;
  /** The watchdog probes the primary this often and promotes after this many misses in a row. */
  watchdogEveryMs?: number;
  watchdogMisses?: number;
  /** Undoes the drill's processes and directories; pass one to run it on a signal too. */
  cleanup?: Cleanup;
} = {}): Promise<PostgresFailoverReport> {
  const started = Date.now();
  const problems: string[] = [];
  drillKeys();
  try {
    log("build: the app (skipped when up to date)");
    await ensureAppBuilt();

    log("set-up: primary node1, demo data, standby node2 (pg_basebackup), synchronous replication");
    const {
      primary: node1,
      standby: node2,
      admin: admin1,
    } = await demoPrimaryAndStandby(cleanup, {
      synchronous: true,
    });

    const redis = await ownRedis();
    cleanup.add(() => redis.stop());
    const prefix = "drill-pgfail";
    cleanup.add(() => removeKeysWithPrefix(redis.url, prefix).catch(() => {}));
    const databaseUrl = `postgres://postgres@127.0.0.1:${node1.port},127.0.0.1:${node2.port}/app?target_session_attrs=read-write`;
    log(`app and worker: DATABASE_URL=${databaseUrl}`);
    const shared = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      DATABASE_POOL_SIZE: "5",
    };
    const app = await startAppProcess(cleanup, shared);
    const worker = await startWorkerProcess(cleanup, {
      ...shared,
      REMINDER_QUIET_HOURS: "off",
      REMINDER_SCAN_EVERY_MS: "2000",
      REMINDER_BACKOFF_MS: "200",
      REMINDER_ATTEMPTS: "20",
      REMINDER_LOCK_MS: "3000",
    });
    const appPid = app.child.pid;
    const workerPid = worker.child.pid;

    const data = openAdmin(node1.url("app"));
    const fixtures = await loadFixtures(data);
    await data.end({ timeout: 1 });
    // The load's reminders go through the app's own database layer, on the same multi-host URL.
    const outbox = openDatabase({ url: databaseUrl, max: 2 });
    cleanup.add(() => outbox.close());
    const load = new WriteLoad(app.baseUrl, fixtures, outbox, "pgfail");
    await load.prepare();
    log(
      `load: 3 form writers (expenditures, activities, visit outcomes) and a reminder writer for ${seconds(loadBeforeMs)}`,
    );
    load.start({ writers: 3, pauseMs: 100 });
    await new Promise((r) => setTimeout(r, loadBeforeMs));

    const failedAt = Date.now();
    log("failure: node1 stopped in immediate mode (a crash)");
    node1.stop("immediate");
    // The watchdog an operator would run (or pg_auto_failover): promote after `watchdogMisses` probes in a row fail.
    let misses = 0;
    while (misses < watchdogMisses) {
      await new Promise((r) => setTimeout(r, watchdogEveryMs));
      misses = (await listening(node1.port)) ? 0 : misses + 1;
    }
    const detectedAt = Date.now();
    node2.promote();
    const promotedAt = Date.now();
    log(
      `failover: node1 seen down after ${seconds(detectedAt - failedAt)}, node2 promoted in ${seconds(promotedAt - detectedAt)}`,
    );
    await waitFor(
      async () => load.attempts.some((a) => a.acknowledged && a.startedAt > promotedAt),
      "a write acknowledged by the new primary",
      60_000,
    );
    await new Promise((r) => setTimeout(r, loadAfterMs));
    await load.stop();
    const outage = writeOutage(load.attempts, failedAt);
    log(`load stopped: ${load.attempts.length} writes attempted, ${load.acknowledged().length} acknowledged`);

    const admin2 = openAdmin(node2.url());
    cleanup.add(() => admin2.end({ timeout: 1 }));
    const rejoinStarted = Date.now();
    log("rejoin: node1 rewound (pg_rewind) and started as a standby of node2, then made synchronous");
    try {
      await rejoinAsStandby(node1, node2, admin2);
      await waitFor(() => streamingTo(admin2, "node1"), "node1 to stream from node2", 60_000);
      await makeSynchronous(admin2, "node1");
    } catch (error) {
      throw new Error(
        `${(error as Error).message}\n--- node1 log ---\n${node1.log().slice(-4000)}\n--- node2 log ---\n${node2.log().slice(-3000)}`,
      );
    }
    const rejoinMs = Date.now() - rejoinStarted;

    const sql2 = openAdmin(node2.url("app"));
    cleanup.add(() => sql2.end({ timeout: 1 }));
    const writes = await checkWrites(sql2, load.attempts);
    for (const m of writes.missing.slice(0, 10))
      problems.push(`acknowledged ${m.kind} missing on the new primary: ${m.key} (${m.answer})`);
    if (writes.missing.length > 10)
      problems.push(`… and ${writes.missing.length - 10} more acknowledged writes missing`);

    const reminderIds = load.acknowledged("reminder").flatMap((a) => a.ids);
    const deliveries = async () =>
      sql2<{ once: number; twice: number; none: number }[]>`
        select count(*) filter (where n = 1)::int as once, count(*) filter (where n > 1)::int as twice,
               count(*) filter (where n = 0)::int as none
          from (select r.id, count(n.id) as n from reminders r left join notifications n on n.reminder_id = r.id
                 where r.id = any(${reminderIds}::int[]) group by r.id) x`;
    await waitFor(
      async () => (await deliveries())[0].none === 0,
      "every acknowledged reminder delivered",
      90_000,
      500,
    ).catch(() => {});
    const [delivered] = await deliveries();
    const remindersMissing = reminderIds.length - delivered.once - delivered.twice;
    if (remindersMissing > 0) problems.push(`${remindersMissing} acknowledged reminders never delivered`);
    if (delivered.twice > 0) problems.push(`${delivered.twice} reminders delivered more than once`);

    // The rewound node has everything too, as the synchronous standby of the new primary.
    const sql1 = openAdmin(node1.url("app"));
    cleanup.add(() => sql1.end({ timeout: 1 }));
    await waitFor(
      async () => {
        const [a] = await sql1<{ lsn: string }[]>`select pg_last_wal_replay_lsn()::text as lsn`;
        const [b] = await sql2<
          { ok: boolean }[]
        >`select pg_current_wal_flush_lsn() <= ${a.lsn}::pg_lsn as ok`;
        return b.ok;
      },
      "node1 to replay everything node2 wrote",
      30_000,
    );
    const onRejoined = await checkWrites(sql1, load.attempts);
    const rejoined = {
      streaming: await streamingTo(admin2, "node1"),
      synchronous: await streamingTo(admin2, "node1", "sync"),
      hasEveryAcknowledgedWrite: onRejoined.missing.length === 0,
    };
    if (!rejoined.hasEveryAcknowledgedWrite) problems.push("the rejoined node1 lacks acknowledged writes");

    const processes = {
      appRestarted: app.child.pid !== appPid || app.child.exitCode !== null,
      workerRestarted: worker.child.pid !== workerPid || worker.child.exitCode !== null,
    };
    if (processes.appRestarted) problems.push(`the app process exited:\n${app.output().slice(-2000)}`);
    if (processes.workerRestarted)
      problems.push(`the worker process exited:\n${worker.output().slice(-2000)}`);
    if (!Number.isFinite(outage.firstAfter)) problems.push("no write was acknowledged after the failover");
    const during = (a: Attempt) => a.startedAt >= failedAt && a.startedAt < promotedAt;

    const report: PostgresFailoverReport = {
      ok: problems.length === 0,
      problems,
      writes: {
        attempted: load.attempts.length,
        acknowledged: writes.acknowledged,
        acknowledgedBefore: load.attempts.filter((a) => a.acknowledged && a.endedAt <= failedAt).length,
        acknowledgedAfter: load.attempts.filter((a) => a.acknowledged && a.endedAt > failedAt).length,
        byKind: writes.byKind,
        missing: writes.missing.length,
        refusedDuringOutage: load.attempts.filter((a) => !a.acknowledged && during(a)).length,
        committedAnyway: writes.committedAnyway,
      },
      timings: {
        detectedMs: detectedAt - failedAt,
        promoteMs: promotedAt - detectedAt,
        failureToFirstWriteMs: outage.sinceFailure,
        withoutWritesMs: outage.withoutWrites,
        longestGapMs: outage.longestGap,
        rejoinMs,
      },
      reminders: {
        acknowledged: reminderIds.length,
        deliveredOnce: delivered.once,
        deliveredTwice: delivered.twice,
        missing: remindersMissing,
      },
      processes,
      rejoined,
      durationMs: Date.now() - started,
    };
    const reasons = new Map<string, number>();
    for (const a of load.attempts.filter((x) => !x.acknowledged)) {
      const reason = `${a.kind}: ${a.answer.replace(/:\d{4,5}\b/g, ":…")}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    for (const [reason, n] of reasons) log(`refused during the outage (${n}×): ${reason}`);
    return report;
  } finally {
    await cleanup.run();
  }
}

export function printPostgresFailoverReport(r: PostgresFailoverReport, log = (l: string) => console.log(l)) {
  const w = r.writes;
  const t = r.timings;
  log("");
  log("drill:postgres-failover — results");
  log(
    `  writes attempted ${w.attempted}, acknowledged ${w.acknowledged} (${w.acknowledgedBefore} before the crash, ${w.acknowledgedAfter} after)`,
  );
  log(
    `    acknowledged by kind: ${Object.entries(w.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")} (reminders counted as rows)`,
  );
  log(`    acknowledged but missing on the new primary: ${w.missing}`);
  log(
    `    refused while no primary took writes: ${w.refusedDuringOutage}; refused yet committed (in doubt): ${w.committedAnyway}`,
  );
  log(`  primary seen down after ${seconds(t.detectedMs)}; promotion took ${seconds(t.promoteMs)}`);
  log(
    `  time without writes: ${seconds(t.failureToFirstWriteMs)} from the crash to the first acknowledged write sent after it`,
  );
  log(`    (${seconds(t.withoutWritesMs)} since the last acknowledgement before the crash)`);
  log(
    `  reminders acknowledged ${r.reminders.acknowledged}: delivered once ${r.reminders.deliveredOnce}, twice ${r.reminders.deliveredTwice}, missing ${r.reminders.missing}`,
  );
  log(
    `  app restarted: ${r.processes.appRestarted ? "yes" : "no"}; worker restarted: ${r.processes.workerRestarted ? "yes" : "no"}`,
  );
  log(
    `  old primary rejoined as synchronous standby in ${seconds(t.rejoinMs)}: streaming ${r.rejoined.streaming}, sync ${r.rejoined.synchronous}, has every acknowledged write ${r.rejoined.hasEveryAcknowledgedWrite}`,
  );
  log(
    `  drill took ${seconds(r.durationMs)}; ${r.ok ? "PASSED" : `FAILED:\n    ${r.problems.join("\n    ")}`}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runDrillCommand(postgresFailoverDrill, printPostgresFailoverReport);
