// The only gate to the database for app code: one handle per process, shared with the server entry and in-process workers.

import fs from "node:fs";
import path from "node:path";
import { type DatabaseHandle, type Db, openDatabase } from "#db/client";
import { env } from "./env.server";

declare global {
  // why: the Remix build and the server entry are separate module graphs; PGlite must be opened once per process.
  var __stationNetworkDb: DatabaseHandle | undefined;
}

export function databaseHandle(): DatabaseHandle {
  if (!globalThis.__stationNetworkDb) {
    const { DATABASE_URL, DATABASE_POOL_SIZE, dataDir } = env();
    if (!DATABASE_URL) fs.mkdirSync(dataDir, { recursive: true });
    globalThis.__stationNetworkDb = DATABASE_URL
      ? openDatabase({ url: DATABASE_URL, max: DATABASE_POOL_SIZE })
      : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  }
  return globalThis.__stationNetworkDb;
}

/** The drizzle instance; opened on first use. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = databaseHandle().db as unknown as Record<PropertyKey, unknown>;
    const value = real[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export async function closeDatabase(): Promise<void> {
  const handle = globalThis.__stationNetworkDb;
  globalThis.__stationNetworkDb = undefined;
  await handle?.close();
}

export type { Db, DbOrTx, Tx } from "#db/client";
export { queryRows } from "#db/client";
