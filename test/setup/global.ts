// Runs once before all tests: checks PostgreSQL and Redis are really there (tests fail loudly without them),
// builds the template databases, and for browser tests builds the app.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Redis } from "ioredis";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { adminDatabaseUrl, redisUrl, TEST_KEYS } from "./config";
import { ensureTemplates } from "./templates";

export default async function setup(project: TestProject) {
  Object.assign(process.env, TEST_KEYS, { NODE_ENV: "test" });
  process.env.TEST_RUN_ID ??= randomBytes(4).toString("hex");
  process.env.TEST_DATABASE_URL = adminDatabaseUrl();

  const admin = postgres(adminDatabaseUrl(), { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for the tests and is not reachable at ${adminDatabaseUrl()}: ${error}`,
    );
  } finally {
    await admin.end();
  }
  const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is required for the tests and is not reachable at ${redisUrl()}: ${error}`);
  } finally {
    redis.disconnect();
  }

  const templates = await ensureTemplates();
  process.env.TEST_TEMPLATE_EMPTY = templates.empty;
  process.env.TEST_TEMPLATE_DEMO = templates.demo;
  project.provide("templates", templates);

  // At the end of the run: no queue key of this run may be left in Redis (each file removes its own).
  const runId = process.env.TEST_RUN_ID;
  const teardown = async () => {
    const client = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
    try {
      const left: string[] = [];
      let cursor = "0";
      do {
        const [next, keys] = await client.scan(cursor, "MATCH", `snctest-${runId}-*`, "COUNT", 1000);
        cursor = next;
        left.push(...keys);
      } while (cursor !== "0");
      if (left.length)
        throw new Error(
          `${left.length} queue keys of this test run were left in Redis, e.g. ${left.slice(0, 5).join(", ")}`,
        );
    } finally {
      client.disconnect();
    }
  };

  if (project.name === "e2e") {
    const root = path.resolve(import.meta.dirname, "../..");
    const result = spawnSync(path.join(root, "node_modules/.bin/remix"), ["vite:build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error("The app did not build; browser tests cannot run");
  }
  return teardown;
}

declare module "vitest" {
  export interface ProvidedContext {
    templates: { empty: string; demo: string };
  }
}
