// A database of its own for each test file: cloned from the migrated (empty) or seeded (demo) template.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { type DatabaseHandle, migrateDatabase, openDatabase } from "#db/client";
import { closeDatabase } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { resetSecretsCache } from "~/utils/secrets.server";
import { adminDatabaseUrl, databaseUrlFor } from "./config";

export type Template = "empty" | "demo";

async function withAdmin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** Creates a fresh PostgreSQL database from a template and returns its name. */
export async function createDatabaseFrom(template: Template): Promise<string> {
  const source = template === "demo" ? process.env.TEST_TEMPLATE_DEMO : process.env.TEST_TEMPLATE_EMPTY;
  if (!source)
    throw new Error("Templates are missing: run tests through vitest (test/setup/global.ts builds them)");
  const name = `snc_t_${process.env.TEST_RUN_ID ?? "x"}_${randomBytes(4).toString("hex")}`;
  await withAdmin(async (sql) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`create database "${name}" template "${source}"`);
        return;
      } catch (error) {
        // why: PostgreSQL refuses a template that another session is copying at this instant; wait and retry.
        if (attempt > 20 || !String(error).includes("being accessed")) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

/**
 * Points the app's `db` (app/utils/db.server.ts) at a fresh database for this file.
 * Returns a getter for the database name (set once beforeAll has run).
 */
export function useTestDatabase({ template = "demo" }: { template?: Template } = {}) {
  const state = { name: "", url: "" };
  beforeAll(async () => {
    state.name = await createDatabaseFrom(template);
    state.url = databaseUrlFor(state.name);
    await closeDatabase();
    process.env.DATABASE_URL = state.url;
    resetEnvCache();
    resetSecretsCache();
  });
  afterAll(async () => {
    await closeDatabase();
    if (state.name) await dropDatabase(state.name);
  });
  return state;
}

/** An in-memory PGlite database migrated from the same migrations, for tests that prove both drivers. */
export async function openMigratedPglite(): Promise<DatabaseHandle> {
  const handle = openDatabase({});
  await migrateDatabase(handle);
  return handle;
}

/** A separately opened PostgreSQL handle on a fresh database (for driver-level tests and concurrency). */
export async function openFreshPostgres(
  template: Template = "empty",
): Promise<DatabaseHandle & { name: string }> {
  const name = await createDatabaseFrom(template);
  const handle = openDatabase({ url: databaseUrlFor(name) });
  return {
    ...handle,
    name,
    close: async () => {
      await handle.close();
      await dropDatabase(name);
    },
  };
}
