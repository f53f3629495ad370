// A private PostgreSQL 15 cluster on a free port, for fault tests that stop or crash the server
// (the shared one on 5432 must keep serving everything else).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { binDir, initCluster, runAsPostgres } from "../../scripts/drills/support/postgres";
import { freePort } from "../../scripts/drills/support/processes";

const pgCtl = () => path.join(binDir(), "pg_ctl");

export type PgCluster = {
  port: number;
  url: (database?: string) => string;
  stop: (mode?: "fast" | "immediate") => void;
  start: () => void;
  destroy: () => void;
};

export async function startPgCluster(): Promise<PgCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-pg-"));
  const data = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  fs.mkdirSync(socketDir);
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const port = await freePort();
  initCluster(data);
  const start = () => {
    try {
      runAsPostgres([
        pgCtl(),
        "-D",
        data,
        "-w",
        "-l",
        path.join(dir, "log"),
        "-o",
        `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        "start",
      ]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${fs.readFileSync(path.join(dir, "log"), "utf8")}`);
    }
  };
  const stop = (mode: "fast" | "immediate" = "fast") => {
    runAsPostgres([pgCtl(), "-D", data, "-w", "-m", mode, "stop"], { allowFailure: true });
  };
  start();
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    destroy: () => {
      stop("immediate");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
