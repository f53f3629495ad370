// PostgreSQL nodes for the drills, from Debian's binaries (/usr/lib/postgresql/<version>/bin): a primary made with
// initdb, standbys cloned from it with pg_basebackup and streaming from it, promotion, and pg_rewind to turn a failed
// primary into a standby of the new one. Each node lives in a temporary directory on a free port, never the machine's
// own server on 5432; everything runs as the postgres user when the drill runs as root (PostgreSQL refuses root).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type Cleanup, freePort } from "./processes";

/** The directory of the newest installed PostgreSQL's programs. */
export function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort() : [];
  const bin = versions
    .map((v) => path.join(root, v, "bin"))
    .find((d) => fs.existsSync(path.join(d, "pg_ctl")));
  if (!bin)
    throw new Error("PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
  return bin;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the postgres user; fails with its output unless `allowFailure`. */
export function runAsPostgres(args: string[], { allowFailure = false } = {}): string {
  const [cmd, ...rest] = asRoot ? ["runuser", "-u", "postgres", "--", ...args] : args;
  const result = spawnSync(cmd, rest, { encoding: "utf8", timeout: 120_000 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0 && !allowFailure)
    throw new Error(`${path.basename(args[0])} failed (${result.status ?? result.signal}):\n${output}`);
  return output;
}

/** A directory the postgres user may write, removed by the cleanup. */
export function postgresOwnedTempDir(cleanup: Cleanup, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  if (asRoot) spawnSync("chown", ["postgres:postgres", dir]);
  cleanup.add(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export type PgNode = {
  name: string;
  port: number;
  dataDir: string;
  url: (database?: string) => string;
  start: () => void;
  stop: (mode?: "fast" | "immediate") => void;
  /** pg_ctl promote -w: the standby leaves recovery and takes writes. */
  promote: () => void;
  running: () => boolean;
  log: () => string;
};

/** Settings every node starts with; `extra` adds a node's own. */
function startOptions(port: number, socketDir: string, name: string, extra: Record<string, string>) {
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: socketDir,
    cluster_name: name,
    // A standby's walreceiver reports cluster_name as its application_name, which synchronous_standby_names matches.
    hot_standby: "on",
    hot_standby_feedback: "on",
    max_wal_senders: "10",
    max_replication_slots: "10",
    // why: a rejoining old primary asks for WAL from the segment where the timelines forked; the new primary must not
    // have recycled it meanwhile (CI, 8 December: "requested WAL segment … has already been removed", forever).
    wal_keep_size: "256MB",
    max_connections: "100",
    shared_buffers: "64MB",
    ...extra,
  };
  return [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
}

function node(
  name: string,
  dir: string,
  port: number,
  settings: Record<string, string>,
  cleanup: Cleanup,
): PgNode {
  const dataDir = path.join(dir, name);
  const socketDir = path.join(dir, `${name}-socket`);
  const logFile = path.join(dir, `${name}.log`);
  if (!fs.existsSync(socketDir)) {
    fs.mkdirSync(socketDir);
    if (asRoot) spawnSync("chown", ["postgres:postgres", socketDir]);
  }
  const pgCtl = path.join(binDir(), "pg_ctl");
  const running = () =>
    runAsPostgres([pgCtl, "-D", dataDir, "status"], { allowFailure: true }).includes("server is running");
  const self: PgNode = {
    name,
    port,
    dataDir,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => {
      runAsPostgres([
        pgCtl,
        "-D",
        dataDir,
        "-w",
        "-t",
        "60",
        "-l",
        logFile,
        "-o",
        startOptions(port, socketDir, name, settings),
        "start",
      ]);
    },
    stop: (mode = "fast") => {
      if (running()) runAsPostgres([pgCtl, "-D", dataDir, "-w", "-m", mode, "stop"], { allowFailure: true });
    },
    promote: () => {
      runAsPostgres([pgCtl, "-D", dataDir, "-w", "-t", "60", "promote"]);
    },
    running,
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : ""),
  };
  cleanup.add(() => self.stop("immediate"));
  return self;
}

/**
 * Settings an operator changes with ALTER SYSTEM later (the synchronous standby), so they go into postgresql.auto.conf,
 * not on the command line, which would override ALTER SYSTEM. The last line for a setting wins.
 */
function appendSettings(dataDir: string, settings: Record<string, string>) {
  const lines = Object.entries(settings).map(([k, v]) => `${k} = '${v}'\n`);
  fs.appendFileSync(path.join(dataDir, "postgresql.auto.conf"), lines.join(""));
}

/** initdb as every cluster here is made: superuser postgres, trust (loopback only), UTF-8 in the C.UTF-8 locale. */
export function initCluster(dataDir: string, extra: string[] = []) {
  runAsPostgres([
    path.join(binDir(), "initdb"),
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
    ...extra,
  ]);
}

/** A fresh primary: initdb (trust on loopback, replication included), then started. */
export async function startPrimary(cleanup: Cleanup, dir: string, name = "node1"): Promise<PgNode> {
  const port = await freePort();
  // Checksums catch a corrupted page, and let pg_rewind turn a failed primary into a standby. (Its other
  // requirement, wal_log_hints, would have to live in the configuration file: pg_rewind runs crash recovery
  // without our command line and would record it as off.)
  initCluster(path.join(dir, name), ["--data-checksums"]);
  const primary = node(name, dir, port, {}, cleanup);
  primary.start();
  return primary;
}

/**
 * From now on a commit on `sql`'s server is acknowledged only once `standby` has flushed it, so nothing acknowledged
 * is lost when the primary dies. Set once the standby streams: before, every commit would wait for it.
 */
export async function makeSynchronous(sql: postgres.Sql, standby: string) {
  await sql.unsafe(`alter system set synchronous_standby_names = '${standby.replace(/[^a-z0-9_]/gi, "")}'`);
  await sql`alter system set synchronous_commit = 'on'`;
  await sql`select pg_reload_conf()`;
  await waitFor(
    () => streamingTo(sql, standby, "sync"),
    `${standby} to be the synchronous standby`,
    30_000,
  ).catch(async (error) => {
    const rows = await sql`select application_name, state, sync_state from pg_stat_replication`;
    const [setting] = await sql`select current_setting('synchronous_standby_names') as names`;
    throw new Error(
      `${error.message}: replication ${JSON.stringify(rows)}, synchronous_standby_names '${setting.names}'`,
    );
  });
}

/** A standby cloned from `from` with pg_basebackup (a replication slot of its name), streaming from it. */
export async function startStandby(
  cleanup: Cleanup,
  dir: string,
  from: PgNode,
  name: string,
): Promise<PgNode> {
  const port = await freePort();
  const dataDir = path.join(dir, name);
  runAsPostgres([
    path.join(binDir(), "pg_basebackup"),
    "-h",
    "127.0.0.1",
    "-p",
    String(from.port),
    "-U",
    "postgres",
    "-D",
    dataDir,
    "-X",
    "stream",
    "-c",
    "fast",
    "-C",
    "-S",
    name,
    // -R writes standby.signal and primary_conninfo / primary_slot_name into postgresql.auto.conf.
    "-R",
  ]);
  // why: a promoted standby must not wait for a synchronous standby of its own that does not exist yet.
  appendSettings(dataDir, { synchronous_standby_names: "" });
  const standby = node(name, dir, port, {}, cleanup);
  standby.start();
  return standby;
}

/**
 * Turns a failed primary into a standby of `newPrimary`: pg_rewind (it finishes the crash recovery itself), a slot on
 * the new primary, started streaming. Never start a failed primary on its own: it would take writes (split brain).
 */
export function rejoinAsStandby(old: PgNode, newPrimary: PgNode, sql: postgres.Sql): Promise<void> {
  return (async () => {
    // why: reserved at once, so the checkpoint below cannot remove the WAL the rewound node will stream from.
    await sql`select pg_create_physical_replication_slot(${old.name}, true) where not exists (select 1 from pg_replication_slots where slot_name = ${old.name})`;
    // why: promotion's checkpoint is spread over minutes, and until it ends the new primary's control file still names
    // the old timeline; PostgreSQL 15's pg_rewind then says "no rewind required" and the old primary never streams.
    await sql`checkpoint`;
    runAsPostgres([
      path.join(binDir(), "pg_rewind"),
      "--target-pgdata",
      old.dataDir,
      "--source-server",
      `host=127.0.0.1 port=${newPrimary.port} user=postgres dbname=postgres`,
      "--write-recovery-conf",
    ]);
    appendSettings(old.dataDir, { primary_slot_name: old.name, synchronous_standby_names: "" });
    old.start();
  })();
}

export function openAdmin(url: string, max = 2): postgres.Sql {
  return postgres(url, { max, onnotice: () => {}, connect_timeout: 5, idle_timeout: 10 });
}

/** Waits until `check` holds, polling every `everyMs`. */
export async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
  everyMs = 100,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** True when `primary` streams to `standby` in the given sync state ('sync' or 'async'). */
export async function streamingTo(sql: postgres.Sql, standby: string, syncState?: "sync" | "async") {
  const rows = await sql<{ state: string; sync_state: string }[]>`
    select state, sync_state from pg_stat_replication where application_name = ${standby}`;
  return rows.some((r) => r.state === "streaming" && (!syncState || r.sync_state === syncState));
}

/** A primary holding the demo data in database `app`. */
export async function demoPrimary(
  cleanup: Cleanup,
): Promise<{ dir: string; primary: PgNode; admin: postgres.Sql }> {
  const { migrateDatabase, openDatabase } = await import("#db/client");
  const { seedDemoData } = await import("../../seed/index");
  const dir = postgresOwnedTempDir(cleanup, "snc-drill-pg-");
  const primary = await startPrimary(cleanup, dir, "node1");
  const admin = openAdmin(primary.url());
  cleanup.add(() => admin.end({ timeout: 1 }));
  await admin`create database app`;
  const seeding = openDatabase({ url: primary.url("app"), max: 2 });
  try {
    await migrateDatabase(seeding);
    const seeded = await seedDemoData(seeding.db);
    if (!seeded.seeded) throw new Error(`demo data not loaded: ${seeded.reason}`);
  } finally {
    await seeding.close();
  }
  return { dir, primary, admin };
}

/** The demo primary and a standby cloned from it and streaming (synchronous when asked): where the drills start. */
export async function demoPrimaryAndStandby(
  cleanup: Cleanup,
  { synchronous }: { synchronous: boolean },
): Promise<{ primary: PgNode; standby: PgNode; admin: postgres.Sql }> {
  const { dir, primary, admin } = await demoPrimary(cleanup);
  const standby = await startStandby(cleanup, dir, primary, "node2");
  await waitFor(() => streamingTo(admin, "node2"), "node2 to stream from node1", 30_000);
  if (synchronous) await makeSynchronous(admin, "node2");
  return { primary, standby, admin };
}
