// Per test file: fixed keys, its own data directory and queue prefix, so files never share state by accident.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { removeKeysWithPrefix } from "../../workers/testing/processes";
import { adminDatabaseUrl, TEST_KEYS } from "./config";

// why: tests later point DATABASE_URL at their own database; the admin connection must stay on the original one.
process.env.TEST_DATABASE_URL = adminDatabaseUrl();
const templates = inject("templates");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-test-"));
Object.assign(process.env, TEST_KEYS, {
  NODE_ENV: "test",
  DATA_DIR: dataDir,
  // why: the run id lets the suite's end check (global.ts) find exactly this run's leftovers on a shared Redis.
  QUEUE_PREFIX: `snctest-${process.env.TEST_RUN_ID ?? "x"}-${path.basename(dataDir)}`,
  TEST_TEMPLATE_EMPTY: templates.empty,
  TEST_TEMPLATE_DEMO: templates.demo,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});

// Each file's queues leave Redis with it (app servers and workers it started used the same prefix).
afterAll(async () => {
  await removeKeysWithPrefix(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", process.env.QUEUE_PREFIX!);
});
