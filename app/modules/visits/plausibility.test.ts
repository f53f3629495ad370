// Plausibility checks (issue 13.4) through the real outcome write on a database cloned from the demo: each check has
// a fixture that raises it and one that does not, and no flag ever keeps a visit from being saved. A fresh worker
// records the visits, so nobody else's visits take part in the speed and burst checks.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { people, regions, users, visitFlags, visitPhotos, visits } from "#db/schema";
import { loadSessionUser } from "~/modules/access/guard.server";
import type { SessionUser } from "~/modules/access/types";
import { newFormKey } from "~/modules/kernel/form-key";
import { actorOf } from "~/modules/people/testing.server";
import { databaseHandle, db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { recordVisitOutcome } from "./outcome.server";
import { burst, clockSkew, defaultPlausibility, distanceKm, farFromVillage, tooFast } from "./plausibility";
import { sameWorkerAround } from "./plausibility.server";

useTestDatabase({ template: "demo" });

const s = defaultPlausibility;
const VISIT_DAY = "2026-03-02";
const now = new Date("2026-03-02T10:00:00Z");

async function freshWorker(): Promise<SessionUser> {
  const [base] = await db.select().from(users).where(eq(users.email, "station.baiba@demo.local"));
  const [u] = await db
    .insert(users)
    .values({
      email: `field13-${randomUUID()}@test.local`,
      name: "测试社工",
      passwordHash: base.passwordHash,
      role: "station_staff",
      facilityId: base.facilityId,
    })
    .returning({ id: users.id });
  const user = await loadSessionUser(u.id, "test-session");
  if (!user) throw new Error("no session user");
  return user;
}

/** Open visits at Baiba with their village's point: recording one takes it off the list, so each test takes the first. */
async function openVisits(n: number) {
  return queryRows<{ id: number; village_id: number; lat: number; lng: number }>(
    db,
    sql`select v.id, p.village_id, r.lat, r.lng from visits v join people p on p.id = v.person_id
         join regions r on r.id = p.village_id join facilities f on f.id = v.station_id
        where f.code = '540402101000-SW01' and v.status = 'scheduled' and p.status = 'active'
          and r.lat is not null
          and p.birth_date < current_date - interval '18 years'
        order by v.id limit ${n}`,
  );
}

async function record(
  user: SessionUser,
  visitId: number,
  extra: { visitedTime?: string; lat?: number; lng?: number; gpsAccuracy?: number; deviceTime?: string },
) {
  const result = await recordVisitOutcome({
    user,
    actor: actorOf(user),
    key: newFormKey(),
    visitId,
    input: { outcome: "visited", visitedOn: VISIT_DAY, ...extra },
    now,
  });
  if (!result?.ok) throw new Error(`not stored: ${JSON.stringify(result)}`);
  return result.value;
}

async function kindsOf(visitId: number) {
  const rows = await db
    .select({ kind: visitFlags.kind })
    .from(visitFlags)
    .where(eq(visitFlags.visitId, visitId));
  return rows.map((r) => r.kind);
}

describe("the arithmetic of the checks", () => {
  it("measures great-circle distances (Lhasa to Nyingchi is about 300 km)", () => {
    expect(distanceKm({ lat: 29.65, lng: 91.1 }, { lat: 29.65, lng: 94.36 })).toBeGreaterThan(300);
    expect(distanceKm({ lat: 29.65, lng: 91.1 }, { lat: 29.65, lng: 94.36 })).toBeLessThan(320);
  });

  it("widens the tolerance for approximate village points and counts the stated accuracy", () => {
    const village = { lat: 29.6, lng: 94.3 };
    const fiveKm = { lat: 29.645, lng: 94.3, accuracyM: 10 };
    expect(farFromVillage(fiveKm, { ...village, surveyed: true }, s)).toMatchObject({ toleranceKm: 3 });
    expect(farFromVillage(fiveKm, { ...village, surveyed: false }, s)).toBeNull();
    expect(farFromVillage({ ...fiveKm, accuracyM: 3000 }, { ...village, surveyed: true }, s)).toBeNull();
  });

  it("flags two visits closer in time than the road allows, a skewed clock and a burst", () => {
    const a = { lat: 29.6, lng: 94.3, at: new Date("2026-03-02T02:00:00Z") };
    const b = { lat: 29.9, lng: 94.3, at: new Date("2026-03-02T02:10:00Z") };
    expect(tooFast(a, b, s)).toMatchObject({ minutes: 10 });
    expect(tooFast(a, { ...b, at: new Date("2026-03-02T03:00:00Z") }, s)).toBeNull();
    expect(clockSkew(new Date(now.getTime() - 3_600_000), now, s)).toEqual({ minutes: 60 });
    expect(clockSkew(new Date(now.getTime() - 60_000), now, s)).toBeNull();
    const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
    expect(burst(minutes(0), [1, 2, 3, 4].map(minutes), s)).toEqual({ count: 5 });
    expect(burst(minutes(0), [1, 2, 3, 40].map(minutes), s)).toBeNull();
  });
});

describe("flags raised when a visit is recorded", () => {
  it("a position far from a surveyed village is flagged; the same distance from an approximate one is not", async () => {
    const worker = await freshWorker();
    const [near, far] = await openVisits(2);
    await db.update(regions).set({ coordQuality: "approximate" }).where(eq(regions.id, near.village_id));
    await record(worker, near.id, {
      lat: near.lat + 0.07,
      lng: near.lng,
      gpsAccuracy: 20,
      visitedTime: "09:00",
    });
    expect(await kindsOf(near.id)).not.toContain("far_from_village");
    await db.update(regions).set({ coordQuality: "surveyed" }).where(eq(regions.id, far.village_id));
    await record(worker, far.id, {
      lat: far.lat + 0.07,
      lng: far.lng,
      gpsAccuracy: 20,
      visitedTime: "15:00",
    });
    expect(await kindsOf(far.id)).toContain("far_from_village");
    const [stored] = await db.select().from(visits).where(eq(visits.id, far.id));
    expect(stored.status).toBe("completed");
  });

  it("two visits 30 km apart ten minutes apart are flagged, three hours apart they are not", async () => {
    const worker = await freshWorker();
    const [a, b, c] = await openVisits(3);
    await record(worker, a.id, { lat: 29.6, lng: 94.3, visitedTime: "09:00" });
    await record(worker, b.id, { lat: 29.87, lng: 94.3, visitedTime: "09:10" });
    expect(await kindsOf(b.id)).toContain("too_fast");
    await record(worker, c.id, { lat: 29.6, lng: 94.3, visitedTime: "13:00" });
    expect(await kindsOf(c.id)).not.toContain("too_fast");
  });

  it("a device clock an hour off is flagged, one a minute off is not", async () => {
    const worker = await freshWorker();
    const [a, b] = await openVisits(2);
    await record(worker, a.id, { deviceTime: new Date(now.getTime() - 3_600_000).toISOString() });
    expect(await kindsOf(a.id)).toContain("clock_skew");
    await record(worker, b.id, {
      deviceTime: new Date(now.getTime() - 60_000).toISOString(),
      visitedTime: "08:00",
    });
    expect(await kindsOf(b.id)).not.toContain("clock_skew");
  });

  it("five visits within ten minutes are flagged at the fifth, four are not", async () => {
    const worker = await freshWorker();
    const list = await openVisits(5);
    for (const [i, v] of list.slice(0, 4).entries())
      await record(worker, v.id, { visitedTime: `09:0${i * 2}` });
    for (const v of list.slice(0, 4)) expect(await kindsOf(v.id)).not.toContain("burst");
    await record(worker, list[4].id, { visitedTime: "09:09" });
    expect(await kindsOf(list[4].id)).toContain("burst");
  });

  it("a photo whose perceptual hash matches another visit's is flagged, a different one is not", async () => {
    const worker = await freshWorker();
    const [a, b, c] = await openVisits(3);
    const hash = "1010".repeat(16);
    const other = "0101".repeat(16);
    const photo = (visitId: number, phash: string) => ({
      visitId,
      path: `test/${visitId}.jpg`,
      thumbPath: `test/${visitId}.thumb.jpg`,
      mimeType: "image/jpeg",
      bytes: 100,
      sha256: phash.slice(0, 64),
      phash,
    });
    await db.insert(visitPhotos).values(photo(a.id, hash));
    await db.insert(visitPhotos).values(photo(b.id, `${hash.slice(0, 62)}01`));
    await db.insert(visitPhotos).values(photo(c.id, other));
    await record(worker, b.id, { visitedTime: "07:00" });
    expect(await kindsOf(b.id)).toContain("reused_photo");
    await record(worker, c.id, { visitedTime: "17:00" });
    expect(await kindsOf(c.id)).not.toContain("reused_photo");
  });
});

describe("no flag blocks saving", () => {
  it("a visit that raises every check is still stored with its outcome", async () => {
    const worker = await freshWorker();
    const [v] = await openVisits(1);
    await db.update(regions).set({ coordQuality: "surveyed" }).where(eq(regions.id, v.village_id));
    await record(worker, v.id, {
      lat: v.lat + 1,
      lng: v.lng,
      deviceTime: new Date(now.getTime() - 86_400_000).toISOString(),
    });
    const [row] = await db
      .select({ status: visits.status })
      .from(visits)
      .innerJoin(people, eq(people.id, visits.personId))
      .where(and(eq(visits.id, v.id)));
    expect(row.status).toBe("completed");
    expect(await kindsOf(v.id)).toEqual(expect.arrayContaining(["far_from_village", "clock_skew"]));
  });
});

describe("the worker's other visits of the same days", () => {
  it("are read through the worker-and-time index, not by scanning completed visits (1 s per outcome at full size)", async () => {
    const [worker] = await queryRows<{ completed_by: number; completed_at: Date; id: number }>(
      db,
      sql`select completed_by, completed_at, id from visits where completed_by is not null order by id limit 1`,
    );
    expect(worker).toBeDefined();
    const { sql: text, params } = sameWorkerAround(db, {
      worker: worker.completed_by,
      visitId: worker.id,
      at: new Date(worker.completed_at),
    }).toSQL();
    const [row] = await databaseHandle().sql!.unsafe(`explain (format json) ${text}`, params as never[]);
    const plan = JSON.stringify(row["QUERY PLAN"]);
    expect(plan).toContain('"Index Name":"visits_completed_by_at_idx"');
    expect(plan).not.toMatch(
      /"Node Type":"Seq Scan","Parallel Aware":false,"Async Capable":false,"Relation Name":"visits"/,
    );
  });
});
