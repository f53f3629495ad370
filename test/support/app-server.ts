// Starts the real app (scripts/start.ts: built app, Express server, migrations) on a free port for browser and HTTP tests.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, localAppEnv } from "../../scripts/drills/support/processes";
import { databaseUrlFor } from "../setup/config";
import { createDatabaseFrom, dropDatabase, type Template } from "../setup/database";

const root = path.resolve(import.meta.dirname, "../..");

export { freePort };

export type AppServer = {
  baseUrl: string;
  port: number;
  databaseName: string | null;
  databaseUrl: string | null;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * `database: "demo" | "empty"` clones a PostgreSQL template; `database: "pglite"` runs on embedded PGlite in a fresh
 * data directory, exactly as `npm start` does on a new machine.
 */
export async function startAppServer({
  database = "demo",
  env = {},
  timeoutMs = 90_000,
}: { database?: Template | "pglite"; env?: Record<string, string> } & {
  timeoutMs?: number;
} = {}): Promise<AppServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-app-"));
  const databaseName = database === "pglite" ? null : await createDatabaseFrom(database);
  const databaseUrl = databaseName ? databaseUrlFor(databaseName) : null;
  // why: tests of the limits and of load shedding (overload.test.ts) set them explicitly through `env`.
  const childEnv: NodeJS.ProcessEnv = { ...localAppEnv(port, dataDir), ...env };
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl;
  else delete childEnv.DATABASE_URL;
  let output = "";
  // why: node with the tsx loader, not the tsx CLI: the CLI relays SIGTERM and SIGKILLs a child that is slow to
  // acknowledge it (30 ms), which breaks graceful shutdown under load.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The app did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    port,
    databaseName,
    databaseUrl,
    dataDir,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (databaseName) await dropDatabase(databaseName);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
