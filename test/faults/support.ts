// Real processes for the fault tests: the built app as ONE Node process (so SIGKILL really kills the server), the build
// made once per machine even when several fault files start at the same moment, and helpers to read the database.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { TEST_KEYS } from "../setup/config";
import { freePort } from "../support/app-server";

const root = path.resolve(import.meta.dirname, "../..");

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the app if the build is missing or stale; a lock directory keeps two test files from building at once. */
export async function ensureBuilt(): Promise<void> {
  const lock = path.join(os.tmpdir(), `snc-build-${Buffer.from(root).toString("hex").slice(-24)}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Waited too long for the build lock ${lock}`);
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
    if (result.status !== 0) throw new Error(`The app did not build:\n${result.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export type AppProcess = {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  /** Waits until /healthz answers. */
  ready: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Starts scripts/start.ts as `node --import tsx` — one process; the tsx CLI would run the server in a child process
 * that survives a SIGKILL of the wrapper. The same port and data directory can be reused for a restart.
 */
export async function startApp({
  databaseUrl,
  port,
  dataDir,
}: {
  databaseUrl: string;
  port?: number;
  dataDir?: string;
}): Promise<AppProcess & { port: number; dataDir: string }> {
  const usedPort = port ?? (await freePort());
  const usedDir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "snc-fault-app-"));
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...TEST_KEYS,
      DATABASE_URL: databaseUrl,
      PORT: String(usedPort),
      DATA_DIR: usedDir,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      IN_PROCESS_WORKERS: "0",
      RATE_LIMIT_SIGN_IN: "100000",
      RATE_LIMIT_EXPENSIVE: "100000",
      OVERLOAD_MAX_IN_FLIGHT: "100000",
      OVERLOAD_MAX_LOOP_DELAY_MS: "100000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr?.on("data", (d) => (output = (output + d).slice(-20_000)));
  const baseUrl = `http://127.0.0.1:${usedPort}`;
  const app = {
    baseUrl,
    port: usedPort,
    dataDir: usedDir,
    child,
    output: () => output,
    ready: async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`The app exited (${child.exitCode ?? child.signalCode}):\n${output}`);
        try {
          if ((await fetch(`${baseUrl}/healthz`)).ok) return;
        } catch {}
        if (Date.now() > deadline) throw new Error(`The app did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    },
  };
  await app.ready();
  return app;
}

export async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

export function openSql(url: string, max = 2) {
  return postgres(url, { max, onnotice: () => {} });
}

/** An active contract of a demo organization whose period contains today, for recording expenditures. */
export async function openContractOf(
  sql: postgres.Sql,
  organizationName: string,
  today: string,
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    select c.id from contracts c join organizations o on o.id = c.organization_id
    where o.name = ${organizationName} and c.status = 'active' and c.starts_on <= ${today} and c.ends_on >= ${today}
    order by c.id limit 1`;
  if (!row) throw new Error(`No open contract of ${organizationName}`);
  return row.id;
}
