// Brings the database to the current schema and, when it is empty, loads the demo network.
import { migrateDatabase } from "#db/client";
import { databaseHandle } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { seedDemoData } from "./seed/index";

export async function prepareDatabase({ seedWhenEmpty = true }: { seedWhenEmpty?: boolean } = {}) {
  const handle = databaseHandle();
  const started = Date.now();
  await migrateDatabase(handle);
  logger.info({ driver: handle.driver, ms: Date.now() - started }, "database migrated");
  if (!seedWhenEmpty) return;
  const result = await seedDemoData(handle.db);
  if (result.seeded) logger.info({ counts: result.counts, ms: Date.now() - started }, "demo data loaded");
}
