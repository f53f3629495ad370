// npm run workers — the reminder workers as their own process, on PostgreSQL (DATABASE_URL). Several may run at
// once; each reminder is still delivered exactly once. SIGTERM/SIGINT stop them gracefully, even during start-up:
// the handlers are installed before anything heavy is loaded.
export type Running = { stop: () => Promise<void> };

let running: Promise<Running | null> = Promise.resolve(null);
let stopping = false;

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    process.stderr.write("workers did not stop within 30 s; exiting\n");
    process.exit(1);
  }, 30_000);
  force.unref();
  const workers = await running.catch(() => null);
  const { logger } = await import("~/utils/logger.server");
  logger.info({ signal }, "workers shutting down");
  await workers?.stop();
  const { closeDatabase } = await import("~/utils/db.server");
  await closeDatabase();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

running = (async () => {
  const [
    { env },
    { logger },
    { databaseHandle },
    { reminderSettings },
    { resolveQueuePrefix },
    { startReminderWorkers },
  ] = await Promise.all([
    import("~/utils/env.server"),
    import("~/utils/logger.server"),
    import("~/utils/db.server"),
    import("~/modules/reminders/settings.server"),
    import("~/modules/reminders/queue-prefix.server"),
    import("./runtime"),
  ]);
  const { DATABASE_URL, REDIS_URL } = env();
  if (!DATABASE_URL) {
    logger.error(
      {},
      "npm run workers needs DATABASE_URL (PostgreSQL). On the embedded PGlite database the workers run inside the app (npm start).",
    );
    process.exit(1);
  }
  if (stopping) return null;
  const prefix = await resolveQueuePrefix(databaseHandle().db);
  logger.info({ prefix }, "reminder queues: key prefix");
  return startReminderWorkers({
    handle: databaseHandle(),
    redisUrl: REDIS_URL,
    prefix,
    settings: reminderSettings(),
    name: `workers-${process.pid}`,
  });
})();
await running;
