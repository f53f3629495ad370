// npm run drill:read-replicas — the same mixed load (planners' lists, map, coverage and reports, station staff's
// lists, an organization's pages and its expenditures posted every second) against the built app on a primary
// without replicas, then with one streaming replica (DATABASE_REPLICA_URLS), in the same run on the same data.
// Figures: requests per second, latency, and where the rows were read (pg_stat_database on each server). Also checks
// that every page answered and the replica was used. Not part of npm test (a measurement); the behaviour is tested by
// test/faults/read-replicas.test.ts.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type postgres from "postgres";
import { todayInShanghai } from "~/utils/dates";
import { HttpClient } from "../../test/support/http";
import { demoPrimaryAndStandby, openAdmin, waitFor } from "./support/postgres";
import {
  type AppProcess,
  Cleanup,
  drillKeys,
  ensureAppBuilt,
  runDrillCommand,
  startAppProcess,
} from "./support/processes";

type Phase = {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
  posts: number;
  rowsReadPrimary: number;
  rowsReadReplica: number;
};

export type ReadReplicasReport = {
  ok: boolean;
  problems: string[];
  phases: Phase[];
  readers: number;
  seconds: number;
};

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function rowsRead(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: string }[]>`
    select (tup_returned + tup_fetched)::text as n from pg_stat_database where datname = 'app'`;
  return Number(row.n);
}

/** `readers` signed-in users walking their pages, and one organization posting an expenditure a second. */
async function mixedLoad(
  app: AppProcess,
  contractId: number,
  readers: number,
  durationMs: number,
  counters: () => Promise<{ primary: number; replica: number }> = async () => ({ primary: 0, replica: 0 }),
) {
  const pages: Record<string, string[]> = {
    "planner.ngari@demo.local": [
      "/facilities",
      "/api/facilities/points",
      "/coverage?region=542500000000",
      "/contracts",
      "/reports/year-in-review?year=2023&region=542500000000",
      "/activities",
      "/budget?year=2023",
    ],
    "planner.bayi@demo.local": [
      "/facilities",
      "/coverage?region=540402000000",
      "/visits/stats",
      "/contracts",
    ],
    "station.baiba@demo.local": ["/people", "/visits?who=all", "/visits/stats"],
    "org.gar@demo.local": [`/contracts/${contractId}/expenditures`, "/activities", "/contracts"],
  };
  const emails = Object.keys(pages);
  const clients = await Promise.all(
    Array.from({ length: readers }, async (_, i) => {
      const email = emails[i % emails.length];
      const client = new HttpClient(app.baseUrl);
      await client.signIn(email);
      return { email, client };
    }),
  );
  const writer = new HttpClient(app.baseUrl);
  await writer.signIn("org.gar@demo.local");
  // The sign-in posts pin each session to the primary for a few seconds; start measuring after that.
  await new Promise((r) => setTimeout(r, 11_000));
  const latencies: number[] = [];
  let errors = 0;
  let posts = 0;
  const before = await counters();
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all([
    ...clients.map(async ({ email, client }, i) => {
      for (let n = i; performance.now() < deadline; n++) {
        const path = pages[email][n % pages[email].length];
        const started = performance.now();
        try {
          const res = await client.get(path, { signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
    (async () => {
      while (performance.now() < deadline) {
        const res = await writer.post(`/contracts/${contractId}/expenditures`, {
          spentOn: todayInShanghai(),
          category: "activities",
          amount: "1.00",
          description: "演练：读副本",
          _key: randomUUID(),
        });
        await res.arrayBuffer();
        if (res.status === 302) posts++;
        else errors++;
        await new Promise((r) => setTimeout(r, 1000));
      }
    })(),
  ]);
  const elapsedMs = performance.now() - started;
  const after = await counters();
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    errors,
    posts,
    elapsedMs,
    rowsRead: { primary: after.primary - before.primary, replica: after.replica - before.replica },
  };
}

export async function readReplicasDrill({
  cleanup = new Cleanup(),
  log = (line: string) => console.log(line),
  readers = 8,
  durationMs = 30_000,
}: {
  cleanup?: Cleanup;
  log?: (line: string) => void;
  readers?: number;
  durationMs?: number;
} = {}) {
  drillKeys();
  const problems: string[] = [];
  try {
    log("build: the app (skipped when up to date)");
    await ensureAppBuilt();
    log("set-up: primary node1 with the demo data, replica node2 streaming from it");
    const { primary, standby } = await demoPrimaryAndStandby(cleanup, { synchronous: false });
    const onPrimary = openAdmin(primary.url("app"));
    const onReplica = openAdmin(standby.url("app"));
    cleanup.add(() => onPrimary.end({ timeout: 1 }));
    cleanup.add(() => onReplica.end({ timeout: 1 }));
    const today = todayInShanghai();
    const [contract] = await onPrimary<{ id: number }[]>`
      select c.id from contracts c join organizations o on o.id = c.organization_id
       where o.name = '噶尔县社区服务中心' and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
       order by c.id limit 1`;
    const phases: Phase[] = [];
    for (const [name, replicas] of [
      ["without a replica", ""],
      ["with one replica", standby.url("app")],
    ] as const) {
      log(`load: ${readers} readers and one writer for ${durationMs / 1000} s, ${name}`);
      const app = await startAppProcess(cleanup, {
        DATABASE_URL: primary.url("app"),
        DATABASE_REPLICA_URLS: replicas,
        REDIS_URL: "redis://127.0.0.1:1",
        LOG_LEVEL: "info",
      });
      if (replicas)
        await waitFor(
          async () => app.output().includes("read replica in use"),
          "the replica to be in use",
          20_000,
        );
      // Warm the caches of both servers and the app the same way before measuring.
      await mixedLoad(app, contract.id, 2, 3000);
      const {
        latencies,
        errors,
        posts,
        elapsedMs,
        rowsRead: read,
      } = await mixedLoad(app, contract.id, readers, durationMs, async () => ({
        primary: await rowsRead(onPrimary),
        replica: await rowsRead(onReplica),
      }));
      if (replicas && /read replica skipped/.test(app.output()))
        problems.push(`the replica was skipped during the measurement:\n${app.output().slice(-2000)}`);
      await app.stop();
      phases.push({
        name,
        requests: latencies.length,
        perSecond: latencies.length / (elapsedMs / 1000),
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        errors,
        posts,
        rowsReadPrimary: read.primary,
        rowsReadReplica: read.replica,
      });
      if (errors > 0) problems.push(`${errors} requests failed ${name}`);
    }
    if (phases[1].rowsReadReplica <= phases[1].rowsReadPrimary)
      problems.push("with a replica, most rows were still read on the primary");
    return { ok: problems.length === 0, problems, phases, readers, seconds: durationMs / 1000 };
  } finally {
    await cleanup.run();
  }
}

export function printReadReplicasReport(r: ReadReplicasReport, log = (l: string) => console.log(l)) {
  const fmt = (n: number, d = 0) =>
    n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  log("");
  log(`drill:read-replicas — ${r.readers} readers + 1 writer, ${r.seconds} s each, same run, same data`);
  log(
    "  phase               req/s    p50 ms   p95 ms  errors  posts  rows read on primary  rows read on replica",
  );
  for (const p of r.phases)
    log(
      `  ${p.name.padEnd(18)} ${fmt(p.perSecond, 1).padStart(6)} ${fmt(p.p50).padStart(9)} ${fmt(p.p95).padStart(8)} ${String(p.errors).padStart(7)} ${String(p.posts).padStart(6)} ${fmt(p.rowsReadPrimary).padStart(21)} ${fmt(p.rowsReadReplica).padStart(21)}`,
    );
  log(`  ${r.ok ? "PASSED" : `FAILED:\n    ${r.problems.join("\n    ")}`}`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runDrillCommand(readReplicasDrill, printReadReplicasReport);
