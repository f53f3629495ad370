// npm run workers — the reminder workers as their own process, on PostgreSQL (DATABASE_URL). Several may run at
// once; each reminder is still delivered exactly once. SIGTERM/SIGINT stop them gracefully.

import { reminderSettings } from "~/modules/reminders/settings.server";
import { closeDatabase, databaseHandle } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { startReminderWorkers } from "./runtime";

const { DATABASE_URL, REDIS_URL, QUEUE_PREFIX } = env();
if (!DATABASE_URL) {
  logger.error(
    {},
    "npm run workers needs DATABASE_URL (PostgreSQL). On the embedded PGlite database the workers run inside the app (npm start).",
  );
  process.exit(1);
}

const workers = await startReminderWorkers({
  handle: databaseHandle(),
  redisUrl: REDIS_URL,
  prefix: QUEUE_PREFIX,
  settings: reminderSettings(),
  name: `workers-${process.pid}`,
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "workers shutting down");
  const force = setTimeout(() => {
    logger.error({}, "workers did not stop within 30 s; exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  await workers.stop();
  await closeDatabase();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
