import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, people, users, visits } from "#db/schema";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { sessionUserFor, testActor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { buildPack } from "./pack.server";
import { PACK_DAYS_AHEAD } from "./types";

useTestDatabase({ template: "demo" });

describe("the taken-offline pack", () => {
  it("holds the worker's own and unassigned open visits up to two weeks ahead, overdue ones included, and is audited", async () => {
    const user = await sessionUserFor("station.baiba@demo.local");
    const pack = await buildPack({ user, actor: testActor(user), village: null });
    const until = addDaysToDate(todayInShanghai(), PACK_DAYS_AHEAD);
    expect(pack.visits.length).toBeGreaterThan(0);
    for (const v of pack.visits) expect(v.dueOn <= until).toBe(true);
    const rows = await db
      .select({ id: visits.id, status: visits.status, assigned: visits.assignedUserId })
      .from(visits)
      .where(sql`${visits.id} in ${pack.visits.map((v) => v.id)}`);
    for (const row of rows) {
      expect(row.status).toBe("scheduled");
      expect([user.id, null]).toContain(row.assigned);
    }
    // Every visit's person comes with what the visit needs.
    const personIds = new Set(pack.people.map((p) => p.id));
    for (const v of pack.visits) expect(personIds.has(v.personId)).toBe(true);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "field.pack_download"), eq(auditLog.entityId, String(user.id))));
    expect(audit.changes).toMatchObject({
      visits: pack.visits.length,
      people: pack.people.length,
      village: null,
    });
  });

  it("takes a whole village, whoever the visits are assigned to", async () => {
    const user = await sessionUserFor("station.baiba@demo.local");
    const mine = await buildPack({ user, actor: testActor(user), village: null });
    const village = mine.villages[0];
    const pack = await buildPack({ user, actor: testActor(user), village });
    expect(pack.visits.length).toBeGreaterThan(0);
    for (const v of pack.visits) expect(v.villageName).toBe(village);
    const station = await stationOf(user.id);
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(visits)
      .innerJoin(people, eq(people.id, visits.personId))
      .where(
        and(
          eq(visits.status, "scheduled"),
          eq(visits.stationId, station!),
          sql`(select name from regions where id = ${people.villageId}) = ${village}`,
        ),
      );
    expect(pack.visits.length).toBe(n);
  });

  it("carries only what a visit needs from each file: no ID number, phone or address", async () => {
    const user = await sessionUserFor("station.baiba@demo.local");
    const pack = await buildPack({ user, actor: testActor(user), village: null });
    expect(pack.people.length).toBeGreaterThan(0);
    for (const p of pack.people)
      expect(Object.keys(p).sort()).toEqual(
        [
          "categories",
          "contactMasked",
          "fullName",
          "guardianName",
          "guardianPhone",
          "id",
          "lastVisits",
          "riskTier",
          "townshipName",
          "villageName",
        ].sort(),
      );
    expect(JSON.stringify(pack)).not.toMatch(/idNumber|"phone"|"address"/);
  });
});

async function stationOf(userId: number): Promise<number | null> {
  const [row] = await db.select({ facilityId: users.facilityId }).from(users).where(eq(users.id, userId));
  return row?.facilityId ?? null;
}
