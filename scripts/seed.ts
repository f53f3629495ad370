// npm run seed — migrates, then loads the demo network into an empty database. Running it again changes nothing.
import { migrateDatabase } from "#db/client";
import { seedDemoData } from "#db/seed/index";
import { closeDatabase, databaseHandle } from "~/utils/db.server";

try {
  const handle = databaseHandle();
  await migrateDatabase(handle);
  const result = await seedDemoData(handle.db);
  console.log(
    result.seeded ? `Demo data loaded: ${JSON.stringify(result.counts)}` : `Nothing to do: ${result.reason}.`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
