// node --import tsx scripts/bench/query-build.ts — the CPU of building a query's SQL text with drizzle, no database:
// the session-and-user query every request runs and the station register's page query, built N times.
import { and, eq, gt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../db/schema";

const { users, regions, organizations, facilities, sessions, notifications, people } = schema;
const db = drizzle({ client: postgres("postgres://127.0.0.1:1/none"), schema, casing: "snake_case" });
const township = alias(regions, "township");
const village = alias(regions, "village");

const shapes = {
  "session and user": () =>
    db
      .select({
        user: users,
        region: { id: regions.id, code: regions.code, level: regions.level, name: regions.name },
        organization: { id: organizations.id, name: organizations.name },
        facility: { id: facilities.id, name: facilities.name },
        township: { id: township.id, code: township.code },
        session: { userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, data: sessions.data },
        unread: sql<number>`(select count(*)::int from ${notifications} n where n.user_id = ${users.id} and n.read_at is null)`,
      })
      .from(users)
      .leftJoin(sessions, eq(sessions.userId, users.id))
      .leftJoin(regions, eq(regions.id, users.regionId))
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .leftJoin(facilities, eq(facilities.id, users.facilityId))
      .leftJoin(township, eq(township.id, facilities.townshipId))
      .where(and(eq(sessions.id, "x".repeat(64)), gt(sessions.expiresAt, new Date())))
      .limit(1)
      .toSQL(),
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
