// The SQL statements one request of a kind sends, as PostgreSQL receives them, from the built app of this checkout or
// of another (`--dir`), against a database `bench:load --seed-only` kept: the server logs every statement of that
// database (`log_statement = all`, set on it for the run and reset after) and the lines between two markers are
// printed with their parameters. Needs root's read access to the server's log.
//   DATA_KEY=… SESSION_SECRET=… node --import tsx scripts/bench/post-statements.ts --size small --db snc_load_… \
//     [--kind "POST visit outcome"] [--dir ../other-checkout] [--warm 5] [--log /var/log/postgresql/postgresql-15-main.log]
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { todayInShanghai } from "~/utils/dates";
import { readConfig } from "./load/config";
import { keptDataset, keptRunArgs } from "./load/kept";
import { type AppProcess, startApp } from "./load/processes";

const { arg, dbName, dbUrl } = keptRunArgs();
const kind = arg("kind") ?? "POST visit outcome";
const warm = Number(arg("warm") ?? 5);
const logFile = arg("log") ?? "/var/log/postgresql/postgresql-15-main.log";
const config = readConfig();

async function main() {
  const { buildUsers } = await import("./load/scenarios");
  const { runPatientLoop, onlyKind } = await import("./load/workload");
  const seeded = await keptDataset(dbUrl, dbName, config.sizes);
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(`alter database "${dbName}" set log_statement = 'all'`);
  const env = {
    DATA_KEY: process.env.DATA_KEY!,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    DATABASE_URL: dbUrl,
    QUEUE_PREFIX: `snc-stmts-${dbName}`,
  };
  const dir = arg("dir");
  // why: startApp serves the checkout it lives in; another checkout's built app is served from its own directory.
  const app: AppProcess = dir ? await startIn(path.resolve(dir), env) : await startApp(env);
  try {
    const users = await buildUsers({
      sql,
      baseUrl: `http://127.0.0.1:${app.port}`,
      seeded,
      sizes: config.sizes,
      count: config.users,
      today: todayInShanghai(),
    });
    const [user] = onlyKind(users, kind);
    if (!user) throw new Error(`No user asks for ${kind}`);
    const one = async () => {
      const run = await runPatientLoop({
        baseUrl: `http://127.0.0.1:${app.port}`,
        users: [user],
        seconds: 0.001,
      });
      if (!run.samples.every((s) => s.ok))
        throw new Error(`${kind}: unexpected answer ${run.samples[0]?.status}`);
    };
    for (let i = 0; i < warm; i++) await one();
    const mark = `perf-mark-${Date.now()}`;
    // why: a connection opened after the setting, so the markers are logged too.
    const marker = postgres(dbUrl, { max: 1, onnotice: () => {} });
    await marker.unsafe(`select '${mark}-start'`);
    await one();
    // why: work the post leaves for after its answer (the reminders' nudge) is part of its cost.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await marker.unsafe(`select '${mark}-end'`);
    await marker.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = fs.readFileSync(logFile, "utf8");
    const part = log.slice(log.indexOf(`${mark}-start`), log.indexOf(`${mark}-end`));
    const lines = part.split("\n").slice(1, -1);
    console.log(lines.join("\n"));
  } finally {
    await sql.unsafe(`alter database "${dbName}" reset log_statement`);
    await app.stop();
    await sql.end();
  }
}

async function startIn(dir: string, env: Record<string, string>): Promise<AppProcess> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const { startApp: start } = await import(path.join(dir, "scripts/bench/load/processes.ts"));
    return await start(env);
  } finally {
    process.chdir(cwd);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
