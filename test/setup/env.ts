// Per test file: fixed keys, its own data directory and queue prefix, so files never share state by accident.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { adminDatabaseUrl, TEST_KEYS } from "./config";

// why: tests later point DATABASE_URL at their own database; the admin connection must stay on the original one.
process.env.TEST_DATABASE_URL = adminDatabaseUrl();
const templates = inject("templates");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-test-"));
Object.assign(process.env, TEST_KEYS, {
  NODE_ENV: "test",
  DATA_DIR: dataDir,
  QUEUE_PREFIX: `snctest-${path.basename(dataDir)}`,
  TEST_TEMPLATE_EMPTY: templates.empty,
  TEST_TEMPLATE_DEMO: templates.demo,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
