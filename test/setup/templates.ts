// Migrated (and seeded) template databases, built once per schema + seed version + day and cloned per test file.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { migrateDatabase, openDatabase } from "#db/client";
import { adminDatabaseUrl, databaseUrlFor } from "./config";

const root = path.resolve(import.meta.dirname, "../..");

function hashTree(hash: ReturnType<typeof createHash>, dir: string) {
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else hash.update(entry.name).update(fs.readFileSync(full));
  }
}

const today = () => new Date().toISOString().slice(0, 10).replaceAll("-", "");

/** Changes whenever migrations, seed code or seed data change, and every day (the demo is relative to today). */
function templateVersion(): string {
  const hash = createHash("sha256");
  hashTree(hash, path.join(root, "db/migrations"));
  hashTree(hash, path.join(root, "scripts/seed"));
  for (const f of [
    "app/modules/visits/rules.ts",
    "app/modules/people/id-number.ts",
    "app/modules/organizations/credit-code.ts",
    "app/modules/auth/demo-accounts.ts",
  ]) {
    hash.update(fs.readFileSync(path.join(root, f)));
  }
  return `${today()}_${hash.digest("hex").slice(0, 10)}`;
}

const templateNames = (version: string) => ({
  empty: `snc_tpl_empty_${version}`,
  demo: `snc_tpl_demo_${version}`,
});

/** Creates the templates if missing; serialized across concurrent test runs by an advisory lock. */
export async function ensureTemplates(): Promise<{ empty: string; demo: string }> {
  const names = templateNames(templateVersion());
  const admin = postgres(adminDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(881001)`;
    const existing = new Set(
      (await admin`select datname from pg_database where datname like 'snc_tpl_%'`).map(
        (r) => r.datname as string,
      ),
    );
    // Each template is built under a temporary name and renamed when complete, so a failed build never
    // leaves a half-made template behind.
    if (!existing.has(names.empty)) {
      const building = `${names.empty}_building`;
      await admin.unsafe(`drop database if exists "${building}" with (force)`);
      await admin.unsafe(`create database "${building}"`);
      const h = openDatabase({ url: databaseUrlFor(building), max: 2 });
      await migrateDatabase(h).finally(() => h.close());
      await admin.unsafe(`alter database "${building}" rename to "${names.empty}"`);
    }
    if (!existing.has(names.demo)) {
      const building = `${names.demo}_building`;
      await admin.unsafe(`drop database if exists "${building}" with (force)`);
      await admin.unsafe(`create database "${building}" template "${names.empty}"`);
      const h = openDatabase({ url: databaseUrlFor(building), max: 2 });
      const { seedDemoData } = await import("../../scripts/seed/index");
      const result = await seedDemoData(h.db).finally(() => h.close());
      if (!result.seeded) throw new Error(`Demo template not seeded: ${result.reason}`);
      await admin.unsafe(`alter database "${building}" rename to "${names.demo}"`);
    }
    // Templates from before yesterday are dropped so they do not pile up; today's may belong to another checkout.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    for (const name of existing) {
      const day = /_(\d{8})_/.exec(name)?.[1];
      if (day && day < yesterday)
        await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    }
    return names;
  } finally {
    await admin`select pg_advisory_unlock(881001)`.catch(() => {});
    await admin.end();
  }
}
