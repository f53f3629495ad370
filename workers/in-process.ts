// Background workers inside the web process. PGlite admits one connection, so on the embedded database the
// workers must live here; on PostgreSQL they run as their own process (`npm run workers`) unless asked otherwise.
// When Redis is not reachable at boot the app starts anyway, reminders wait in the outbox, and the workers start
// as soon as Redis answers.

import { closeReminderProducer, reminderProducer } from "~/modules/reminders/queue.server";
import { resolveQueuePrefix } from "~/modules/reminders/queue-prefix.server";
import { reminderSettings } from "~/modules/reminders/settings.server";
import { databaseHandle } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { redisReachable } from "./connection";
import { startReminderWorkers } from "./runtime";

export type RunningWorkers = { stop: () => Promise<void> };

const PROBE_EVERY_MS = 15_000;

export async function startInProcessWorkers(): Promise<RunningWorkers> {
  const { IN_PROCESS_WORKERS, DATABASE_URL, REDIS_URL } = env();
  const prefix = await resolveQueuePrefix(databaseHandle().db);
  logger.info({ prefix }, "reminder queues: key prefix");
  const wanted = IN_PROCESS_WORKERS === "1" || (IN_PROCESS_WORKERS === "auto" && !DATABASE_URL);
  if (!wanted) {
    reminderProducer();
    return { stop: closeReminderProducer };
  }
  const settings = reminderSettings();
  // Open the request side's connection now, so the first request that plans a reminder finds it ready.
  reminderProducer();
  let running: { stop: () => Promise<void> } | null = null;
  let stopped = false;
  let probe: NodeJS.Timeout | null = null;

  const start = async () => {
    if (stopped || running) return;
    if (!(await redisReachable(REDIS_URL))) {
      return false;
    }
    running = await startReminderWorkers({
      handle: databaseHandle(),
      redisUrl: REDIS_URL,
      prefix,
      settings,
      name: "in-process",
    });
    return true;
  };

  if (!(await start())) {
    logger.warn(
      { redis: REDIS_URL },
      "Redis is not reachable: reminders wait in the outbox; the workers start when Redis answers",
    );
    probe = setInterval(() => {
      void start().then((ok) => {
        if (ok && probe) {
          clearInterval(probe);
          probe = null;
        }
      });
    }, PROBE_EVERY_MS);
    probe.unref();
  }
  return {
    stop: async () => {
      stopped = true;
      if (probe) clearInterval(probe);
      await running?.stop();
      await closeReminderProducer();
    },
  };
}
