// A private PostgreSQL 15 cluster on a free port, for fault tests that stop or crash the server
// (the shared one on 5432 must keep serving everything else).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./app-server";

const bin = (name: string) =>
  path.join("/usr/lib/postgresql", fs.readdirSync("/usr/lib/postgresql")[0], "bin", name);

function asPostgres(args: string[]): { status: number | null; output: string } {
  // why: PostgreSQL refuses to run as root; CI and these machines run tests as root.
  const command =
    process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", ...args]] : [args[0], args.slice(1)];
  const result = spawnSync(command[0] as string, command[1] as string[], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

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
  const init = asPostgres([
    bin("initdb"),
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const start = () => {
    const r = asPostgres([
      bin("pg_ctl"),
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "log"),
      "-o",
      `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
    if (r.status !== 0)
      throw new Error(`pg_ctl start failed:\n${r.output}\n${fs.readFileSync(path.join(dir, "log"), "utf8")}`);
  };
  const stop = (mode: "fast" | "immediate" = "fast") => {
    asPostgres([bin("pg_ctl"), "-D", data, "-w", "-m", mode, "stop"]);
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
