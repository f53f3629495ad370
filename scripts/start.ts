// npm start — builds the app when the build is missing or older than the sources, migrates the database,
// loads the demo data into an empty one, and serves in production mode.
process.env.NODE_ENV = "production";

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildEntry = path.join(root, "build/server/index.js");

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIsStale(): boolean {
  const built = fs.statSync(buildEntry, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["app", "db/schema", "vite.config.ts", "package-lock.json"].map((p) =>
    newestMtime(path.join(root, p)),
  );
  return built < Math.max(...sources);
}

if (buildIsStale()) {
  console.log("Building the app (the build is missing or older than the sources)…");
  const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { prepareDatabase } = await import("~/utils/prepare-database.server");
const { startInProcessWorkers } = await import("../workers/in-process");
const { startServer } = await import("../server");

await prepareDatabase();
const workers = await startInProcessWorkers();
await startServer({ mode: "production", onShutdown: workers.stop });
