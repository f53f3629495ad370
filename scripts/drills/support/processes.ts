// Processes for the drills: free ports, a cleanup list that runs even when a drill fails or is interrupted, the built
// app as one Node process (scripts/start.ts), and reminder worker processes (workers/index.ts). Plain Node, no test
// runner, so `npm run drill:*` and the tests under test/faults/ share it.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment of the built app started for one local client (a browser journey, the field benchmark): its own port
 * and data directory, production, warnings only, and no per-address limits or load shedding, which many sign-ins from
 * 127.0.0.1 and a busy test or benchmark machine would otherwise trip (both are tested on purpose elsewhere).
 */
export function localAppEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    RATE_LIMIT_SIGN_IN: "100000",
    RATE_LIMIT_EXPENSIVE: "100000",
    OVERLOAD_MAX_IN_FLIGHT: "100000",
    OVERLOAD_MAX_LOOP_DELAY_MS: "100000",
  };
}

/** Steps that undo what a drill started, run last-first; each runs once, and a failing step does not stop the rest. */
export class Cleanup {
  private steps: (() => unknown)[] = [];
  add(step: () => unknown) {
    this.steps.push(step);
  }
  async run() {
    const steps = this.steps.reverse();
    this.steps = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup step failed: ${(error as Error).message}\n`);
      }
    }
  }
}

/** For `npm run drill:*`: an interrupted drill still stops its servers and removes its directories. */
export function cleanUpOnSignals(cleanup: Cleanup) {
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the drill's processes and removing its directories\n`);
      void cleanup.run().finally(() => process.exit(130));
    });
}

/**
 * A drill's command line (`npm run drill:*`): runs the drill, interrupted or not cleaning up after it, prints its
 * report and exits 0 only when it passed.
 */
export async function runDrillCommand<Report extends { ok: boolean }>(
  drill: (options: { cleanup: Cleanup }) => Promise<Report>,
  print: (report: Report) => void,
) {
  const cleanup = new Cleanup();
  cleanUpOnSignals(cleanup);
  try {
    const report = await drill({ cleanup });
    print(report);
    process.exit(report.ok ? 0 : 1);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * Builds the app when the build is missing or older than its sources. The lock directory is the one the fault tests
 * use (test/faults/support.ts), so a drill and a test never build at the same time.
 */
export async function ensureAppBuilt(): Promise<void> {
  const lock = path.join(os.tmpdir(), `snc-build-${Buffer.from(root).toString("hex").slice(-24)}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    const built =
      fs.statSync(path.join(root, "build/server/index.js"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const sources = Math.max(
      ...["app", "db/schema", "vite.config.ts", "package-lock.json"].map((p) =>
        newestMtime(path.join(root, p)),
      ),
    );
    if (built >= sources) return;
    const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error(`the app did not build:\n${result.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Keys of the drills' own installations (never a real one's). The drill process seeds with the same DATA_KEY the app
 * and workers get (a test run's own keys when it has set them).
 */
export function drillKeys() {
  process.env.DATA_KEY ??= "5d1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff1";
  process.env.SESSION_SECRET ??= "drill-session-secret-that-is-at-least-32-characters-long";
  return { DATA_KEY: process.env.DATA_KEY, SESSION_SECRET: process.env.SESSION_SECRET };
}

export type AppProcess = {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

/** Stops a child: `signal`, then SIGKILL when it has not exited within `timeoutMs`. */
export async function stopProcess(
  child: ChildProcess,
  timeoutMs: number,
  signal: NodeJS.Signals = "SIGTERM",
) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, timeoutMs))]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Waits until `url` answers 2xx; fails at once, with the process's output, when `child` exits first. */
export async function untilAnswers(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The built app as ONE process, `node --import tsx scripts/start.ts`: the tsx CLI would run the server in a child that
 * survives a SIGKILL of the wrapper, and SIGKILLs a child slow to acknowledge SIGTERM. `env` (the port, the data
 * directory, the database, keys) goes over what every run shares: production, warnings only, no workers in the app,
 * and no per-address limits, since every client comes from 127.0.0.1. The output keeps its last `keep` characters.
 */
export function spawnApp(env: Record<string, string>, keep = 20_000) {
  let output = "";
  // BENCH_CPU_PROF=<dir>: the process writes a V8 CPU profile there when it stops (read it with
  // scripts/bench/profile-summary.ts).
  const profile = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      IN_PROCESS_WORKERS: "0",
      RATE_LIMIT_SIGN_IN: "100000",
      RATE_LIMIT_EXPENSIVE: "100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output = (output + d).slice(-keep)));
  child.stderr?.on("data", (d) => (output = (output + d).slice(-keep)));
  return { child, output: () => output };
}

/** The built app (`node --import tsx scripts/start.ts`, one process) on a free port, with the drill's settings. */
export async function startAppProcess(cleanup: Cleanup, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-drill-app-"));
  const { child, output } = spawnApp(
    { ...drillKeys(), PORT: String(port), DATA_DIR: dataDir, ...env },
    50_000,
  );
  const app: AppProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output,
    stop: async () => {
      await stopProcess(child, 10_000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  cleanup.add(app.stop);
  await untilAnswers(`${app.baseUrl}/healthz`, child, output, 90_000);
  return app;
}

export type WorkerProcess = {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

/** A reminder worker process (`npm run workers`), until it logs that it started. */
export async function startWorkerProcess(
  cleanup: Cleanup,
  env: Record<string, string>,
): Promise<WorkerProcess> {
  let output = "";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-drill-workers-"));
  // why: node with the tsx loader, not the tsx CLI, which SIGKILLs a child slow to acknowledge SIGTERM.
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    cwd: root,
    env: { ...process.env, ...drillKeys(), DATA_DIR: dataDir, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output = (output + d).slice(-200_000)));
  child.stderr?.on("data", (d) => (output = (output + d).slice(-200_000)));
  const worker: WorkerProcess = {
    child,
    output: () => output,
    stop: async () => {
      await stopProcess(child, 30_000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  cleanup.add(worker.stop);
  const deadline = Date.now() + 60_000;
  while (!output.includes("reminder workers started")) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the worker did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return worker;
}

/** Milliseconds as seconds with one decimal, for reports. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
