// npm run db:migrate — applies db/migrations to DATABASE_URL (PostgreSQL) or the embedded PGlite data directory.
import { closeDatabase } from "~/utils/db.server";
import { prepareDatabase } from "./prepare-database";

try {
  await prepareDatabase({ seedWhenEmpty: false });
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
