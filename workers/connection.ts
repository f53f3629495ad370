// Redis connections for the worker processes. Workers wait for Redis rather than fail requests
// (maxRetriesPerRequest: null, as BullMQ requires for workers), and log a lost connection once a minute at most.
import { Redis } from "ioredis";
import { redisOptionsFor } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

/** `url` is a REDIS_URL: one server or a Sentinel group (app/utils/env.server.ts, parseRedisUrl). */
export function workerRedis(url: string, name: string): Redis {
  const redis = new Redis({
    ...redisOptionsFor(url),
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(250 * times, 5000),
    connectionName: name,
  });
  let lastLog = 0;
  redis.on("error", (err) => {
    if (Date.now() - lastLog < 60_000) return;
    lastLog = Date.now();
    logger.warn({ err: err.message, connection: name }, "workers: Redis unreachable, retrying");
  });
  return redis;
}

/** Resolves once Redis answers, or false after `timeoutMs`. */
export async function redisReachable(url: string, timeoutMs = 2000): Promise<boolean> {
  const probe = new Redis({
    ...redisOptionsFor(url),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
