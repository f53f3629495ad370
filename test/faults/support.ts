// Real processes for the fault tests: the built app as ONE Node process (so SIGKILL really kills the server), the build
// made once per machine even when several fault files start at the same moment, and helpers to read the database.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort, spawnApp, stopProcess, untilAnswers } from "../../scripts/drills/support/processes";
import { TEST_KEYS } from "../setup/config";

/** Builds the app if the build is missing or stale, under the lock the drills take too (one build at a time). */
export { ensureAppBuilt } from "../../scripts/drills/support/processes";

export type AppProcess = {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  /** Waits until /healthz answers. */
  ready: () => Promise<void>;
  stop: () => Promise<void>;
};

/** The built app as one process (spawnApp); the same port and data directory can be reused for a restart. */
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
  const { child, output } = spawnApp({
    ...TEST_KEYS,
    DATABASE_URL: databaseUrl,
    PORT: String(usedPort),
    DATA_DIR: usedDir,
    OVERLOAD_MAX_IN_FLIGHT: "100000",
    OVERLOAD_MAX_LOOP_DELAY_MS: "100000",
  });
  const baseUrl = `http://127.0.0.1:${usedPort}`;
  const app = {
    baseUrl,
    port: usedPort,
    dataDir: usedDir,
    child,
    output,
    ready: () => untilAnswers(`${baseUrl}/healthz`, child, output, 60_000),
    stop: () => stopProcess(child, 10_000),
  };
  await app.ready();
  return app;
}

export async function killed(child: ChildProcess): Promise<void> {
  await stopProcess(child, 0, "SIGKILL");
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
