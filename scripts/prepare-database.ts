// Brings the database to the current schema. The embedded database (no DATABASE_URL) gets the demo network when
// empty, so `npm install && npm start` shows everything; a PostgreSQL database gets the schema only, and the start
// says how to create its first administrator (demo data there: `npm run seed`).
import { migrateDatabase } from "#db/client";
import { refreshNameKeys } from "~/modules/people/names/refresh.server";
import { accountCount } from "~/modules/users/bootstrap.server";
import { databaseHandle } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { seedDemoData } from "./seed/index";

export async function prepareDatabase({ seedWhenEmpty = true }: { seedWhenEmpty?: boolean } = {}) {
  const handle = databaseHandle();
  const started = Date.now();
  await migrateDatabase(handle);
  logger.info({ driver: handle.driver, ms: Date.now() - started }, "database migrated");
  // why: name keys are made in JavaScript (pinyin), so the migration adds the columns and this fills them.
  const rekeyed = await refreshNameKeys(handle.db);
  if (rekeyed) logger.info({ people: rekeyed, ms: Date.now() - started }, "name keys recomputed");
  if (!seedWhenEmpty) return;
  if (handle.driver === "pglite") {
    const result = await seedDemoData(handle.db);
    if (result.seeded) logger.info({ counts: result.counts, ms: Date.now() - started }, "demo data loaded");
    return;
  }
  if ((await accountCount()) === 0) {
    const hint =
      "This database has no accounts yet. Create the first administrator with\n" +
      "  npm run admin:create -- --email you@bureau.example.cn --name 姓名\n" +
      "(or load the demo network into this empty database with: npm run seed)";
    logger.warn({ accounts: 0 }, "no accounts yet: npm run admin:create -- --email …");
    console.log(hint);
  }
}
