// The prefix of every BullMQ key of this installation. QUEUE_PREFIX overrides it; by default it is derived from the
// database itself — its cluster's system identifier, its name and the installation id the first migration wrote —
// so a test instance and the production one sharing a Redis (even one restored from the other's backup into another
// database) never share queues or the reminder leader's lease.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { appMeta } from "#db/schema";
import { type Db, queryRows } from "~/utils/db.server";
import { env } from "~/utils/env.server";

declare global {
  // why: the Remix build and the server entry are separate module graphs; both must use one prefix.
  var __queuePrefix: string | undefined;
}

export async function resolveQueuePrefix(db: Db): Promise<string> {
  const configured = env().QUEUE_PREFIX;
  if (configured) {
    globalThis.__queuePrefix = configured;
    return configured;
  }
  const [row] = await queryRows<{ system_id: string; database: string; installation: string | null }>(
    db,
    sql`select (select system_identifier::text from pg_control_system()) as system_id,
               current_database() as database,
               (select ${appMeta.value} #>> '{}' from ${appMeta} where ${appMeta.key} = 'installation_id') as installation`,
  );
  const digest = createHash("sha256")
    .update(`${row.system_id}/${row.database}/${row.installation ?? ""}`)
    .digest("hex");
  globalThis.__queuePrefix = `snc-${digest.slice(0, 12)}`;
  return globalThis.__queuePrefix;
}

/** The prefix resolved at start (`resolveQueuePrefix`); else QUEUE_PREFIX (tests and tools resolve none). */
export function queuePrefix(): string {
  const prefix = globalThis.__queuePrefix ?? env().QUEUE_PREFIX;
  if (!prefix) throw new Error("The queue prefix is not resolved yet: call resolveQueuePrefix at start");
  return prefix;
}
