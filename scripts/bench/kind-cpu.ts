// The app process's CPU per response of single request kinds, as `bench:load` measures it in "each request kind
// alone" (the same simulated users, 20 of them, in a patient closed loop), against a database a run kept, so a change
// to one page is measured in a minute instead of a whole run. Needs the built app (`npm run build`) and the keys the
// kept run used:
//   DATA_KEY=… SESSION_SECRET=… npm run bench:load -- --size small --keep
//   DATA_KEY=… SESSION_SECRET=… node --import tsx scripts/bench/kind-cpu.ts --size small --db snc_load_… \
//     [--kinds "GET activity list,GET person page,GET floor page (/about)"] [--kind-seconds 8] [--rounds 3] [--against <dir>]
// Rounds alternate the kinds, and the figure per kind is the median of its rounds. `--against` serves a second copy of
// the app from another checkout (built, e.g. main's) on the same database and measures both in turns, so a change is
// compared with its base under the same load on a shared machine (`--against-node-options "<flags>"` gives that copy
// its own NODE_OPTIONS, to compare a runtime flag on one checkout: `--against .`). BENCH_CPU_PROF=<dir> writes this checkout's app
// process's CPU profile there when it stops.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort, stopProcess, untilAnswers } from "../drills/support/processes";
import { readConfig } from "./load/config";
import { keptDataset, keptRunArgs } from "./load/kept";
import { type AppProcess, cpuSeconds, postgresCpuSeconds, startApp } from "./load/processes";

const { arg, dbName, dbUrl } = keptRunArgs();
const config = readConfig();
const rounds = Number(arg("rounds") ?? 3);
// why: round 0 only warms up and is not counted, so 0 rounds (or a typo) would print medians of nothing.
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a whole number ≥ 1, not ${arg("rounds")}`);

/** The built app of another checkout, served as startApp serves this one. */
async function startAppIn(dir: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-kind-app-"));
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: dir,
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      IN_PROCESS_WORKERS: "0",
      RATE_LIMIT_SIGN_IN: "1000000",
      RATE_LIMIT_EXPENSIVE: "1000000",
      ...env,
      ...(arg("against-node-options") ? { NODE_OPTIONS: arg("against-node-options") } : {}),
      PORT: String(port),
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr?.on("data", (d) => (output = (output + d).slice(-20_000)));
  const stop = async () => {
    await stopProcess(child, 10_000);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  await untilAnswers(`http://127.0.0.1:${port}/healthz`, child, () => output, 120_000);
  return { port, child, output: () => output, stop };
}

async function main() {
  const { buildUsers } = await import("./load/scenarios");
  const { runPatientLoop, onlyKind, floorUsers, FLOOR_KIND } = await import("./load/workload");
  const { todayInShanghai } = await import("~/utils/dates");
  const seeded = await keptDataset(dbUrl, dbName, config.sizes);

  const sql = postgres(dbUrl, { max: 2, onnotice: () => {} });
  const appEnv = {
    DATA_KEY: process.env.DATA_KEY!,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    DATABASE_URL: dbUrl,
    QUEUE_PREFIX: `snc-kind-${dbName}`,
    // why: the figure is the CPU of a page; a 503 from the load shedder (a cold process on a busy machine) costs
    // almost nothing and would lower it, so here every request is answered.
    OVERLOAD_MAX_LOOP_DELAY_MS: "100000",
    OVERLOAD_MAX_IN_FLIGHT: "100000",
  };
  const against = arg("against");
  const apps: { name: string; app: AppProcess }[] = [{ name: "this checkout", app: await startApp(appEnv) }];
  try {
    if (against)
      apps.unshift({ name: path.basename(path.resolve(against)), app: await startAppIn(against, appEnv) });
    const url = (app: AppProcess) => `http://127.0.0.1:${app.port}`;
    const users = await buildUsers({
      sql,
      baseUrl: url(apps.at(-1)!.app),
      seeded,
      sizes: config.sizes,
      count: config.users,
      today: todayInShanghai(),
    });
    const allKinds = [...new Set(users.flatMap((u) => Array.from({ length: 8 }, (_, n) => u.next(n).kind)))];
    const kinds = arg("kinds")?.split(",") ?? allKinds.filter((k) => k.startsWith("GET"));
    const results = new Map<string, number[]>(apps.flatMap((a) => kinds.map((k) => [`${a.name}|${k}`, []])));
    const pgResults = new Map<string, number[]>(
      apps.flatMap((a) => kinds.map((k) => [`${a.name}|${k}`, []])),
    );
    for (let round = 0; round <= rounds; round++) {
      for (const kind of kinds) {
        const alone = (kind === FLOOR_KIND ? floorUsers(users) : onlyKind(users, kind)).slice(0, 20);
        if (alone.length === 0) throw new Error(`No user asks for ${kind}; kinds: ${allKinds.join(", ")}`);
        // The apps take turns, the first one changing each round.
        for (const { name, app } of round % 2 ? [...apps].reverse() : apps) {
          const pid = app.child.pid!;
          const before = cpuSeconds(pid);
          const pgBefore = postgresCpuSeconds(dbName).backends;
          const run = await runPatientLoop({
            baseUrl: url(app),
            users: alone,
            seconds: round === 0 ? 2 : config.kindSeconds,
          });
          const cpuMs = ((cpuSeconds(pid) - before) * 1000) / Math.max(1, run.samples.length);
          const pgCpuMs =
            ((postgresCpuSeconds(dbName).backends - pgBefore) * 1000) / Math.max(1, run.samples.length);
          const bad = run.samples.filter((s) => !s.ok).length;
          if (bad)
            throw new Error(
              `${kind} (${name}): ${bad} unexpected answers (${[...new Set(run.samples.filter((s) => !s.ok).map((s) => s.status))].join(", ")})\n${app.output().slice(-2000)}`,
            );
          // Round 0 warms the process up (JIT, caches, prepared statements) and is not counted.
          if (round > 0) {
            results.get(`${name}|${kind}`)!.push(cpuMs);
            pgResults.get(`${name}|${kind}`)!.push(pgCpuMs);
          }
        }
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(" / ")}`,
    );
    console.log(
      "| request kind (alone, 20 users) | app | CPU ms per response, median | rounds | PostgreSQL CPU ms per response (its connections to the database), median |",
    );
    console.log("| --- | --- | ---: | --- | ---: |");
    for (const kind of kinds)
      for (const { name } of apps) {
        const xs = results.get(`${name}|${kind}`)!;
        console.log(
          `| ${kind} | ${name} | ${median(xs).toFixed(1)} | ${xs.map((x) => x.toFixed(1)).join(", ")} | ${median(pgResults.get(`${name}|${kind}`)!).toFixed(1)} |`,
        );
      }
  } finally {
    for (const { app } of apps) await app.stop();
    await sql.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
