// npm run seed — migrates, then loads the demo network into an empty database. Running it again changes nothing.
import { migrateDatabase } from "#db/client";
import { closeDatabase, databaseHandle } from "~/utils/db.server";
import { seedDemoData } from "./seed/index";

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
