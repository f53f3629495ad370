// npm start — builds the app when the build is missing or older than the sources, migrates the database,
// loads the demo data into an empty one, and serves in production mode.
process.env.NODE_ENV = "production";

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const buildEntry = path.join(root, "build/server/index.js");

/** The inputs of `remix vite:build`: the app, everything it imports from db/, and the build configuration. */
const buildInputs = ["app", "db", "vite.config.ts", "tsconfig.json", "package-lock.json"];

/** True as soon as one file under `target` is newer than `time` (stops at the first; no full walk when stale). */
function hasFileNewerThan(target: string, time: number): boolean {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return false;
  if (!stat.isDirectory()) return stat.mtimeMs > time;
  // why: a directory's own mtime changes when a file is added, renamed or deleted there.
  if (stat.mtimeMs > time) return true;
  return fs.readdirSync(target).some((entry) => hasFileNewerThan(path.join(target, entry), time));
}

function buildIsStale(): boolean {
  const built = fs.statSync(buildEntry, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built === 0 || buildInputs.some((p) => hasFileNewerThan(path.join(root, p), built));
}

if (buildIsStale()) {
  console.log("Building the app (the build is missing or older than the sources)…");
  const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { prepareDatabase } = await import("./prepare-database");
const { startInProcessWorkers } = await import("../workers/in-process");
const { startServer } = await import("../server");

await prepareDatabase();
const workers = await startInProcessWorkers();
await startServer({ mode: "production", onShutdown: workers.stop });
