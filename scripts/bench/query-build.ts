// node --import tsx scripts/bench/query-build.ts — the CPU of building a query's SQL text with drizzle, no database:
// the session-and-user query every request ran (the guard's own builder) and the station register's page query,
// built N times.
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { userRows } from "../../app/modules/access/guard.server";
import { sessionIsUnexpired } from "../../app/modules/auth/session.server";
import type { Db } from "../../app/utils/db.server";
import * as schema from "../../db/schema";

const { regions, people } = schema;
const db = drizzle({ client: postgres("postgres://127.0.0.1:1/none"), schema, casing: "snake_case" });
const village = alias(regions, "village");

const shapes = {
  // The guard's own query, as every request built it before it was prepared once (access/guard.server.ts).
  "session and user": () =>
    userRows(sessionIsUnexpired("x".repeat(64), new Date()), true, db as unknown as Db).toSQL(),
  "register page": () =>
    db
      .select({
        id: people.id,
        fullName: people.fullName,
        sex: people.sex,
        birthDate: people.birthDate,
        categories: people.categories,
        riskTier: people.riskTier,
        status: people.status,
        village: village.name,
      })
      .from(people)
      .innerJoin(village, eq(village.id, people.villageId))
      .where(and(eq(people.stationId, 7), eq(people.status, "active"), sql`${people.birthDate} < now()`))
      .orderBy(people.fullName, people.id)
      .limit(30)
      .toSQL(),
};

const n = Number(process.argv[2] ?? 5000);
for (const [name, build] of Object.entries(shapes)) {
  for (let i = 0; i < 500; i++) build(); // warm-up (JIT)
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) build();
  const used = process.cpuUsage(start);
  console.log(
    `${name}: ${(((used.user + used.system) / n) * 1e-3).toFixed(3)} ms CPU per build (${n} builds)`,
  );
}
process.exit(0);
