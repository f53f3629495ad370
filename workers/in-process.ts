// Background workers inside the web process. PGlite admits one connection, so on the embedded database the
// workers must live here; on PostgreSQL they run as their own process (`npm run workers`) unless asked otherwise.
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

export type RunningWorkers = { stop: () => Promise<void> };

export async function startInProcessWorkers(): Promise<RunningWorkers> {
  const { IN_PROCESS_WORKERS, DATABASE_URL } = env();
  const wanted = IN_PROCESS_WORKERS === "1" || (IN_PROCESS_WORKERS === "auto" && !DATABASE_URL);
  if (!wanted) return { stop: async () => {} };
  logger.info({}, "no background workers are registered yet");
  return { stop: async () => {} };
}
