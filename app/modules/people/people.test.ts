// People's files on a real PostgreSQL database cloned from the demo: encryption at rest, duplicates, scope,
// reveals in the audit log, leaving the register.
import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, people, reminders, visits } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { message } from "~/modules/kernel/messages";
import { Refusal } from "~/modules/kernel/write.server";
import { db, queryRows } from "~/utils/db.server";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { buildIdNumber } from "./id-number";
import { decryptIdNumber } from "./id-number-crypto.server";
import { changePersonStatus, createPerson, revealIdNumber, setRiskTier } from "./mutations.server";
import { getPersonFile, listPeople } from "./queries.server";
import { actorOf, sessionUserFor } from "./testing.server";

useTestDatabase({ template: "demo" });

const now = new Date("2025-03-10T02:00:00Z"); // 10:00 in Shanghai

async function baibaVillageId() {
  const [row] = await queryRows<{ id: number }>(db, sql`select id from regions where code = '540402101202'`);
  return row.id;
}

/** A person on the register of the station `staff` work at, with their ID number's ciphertext. */
async function firstPersonAtStationOf(staff: SessionUser) {
  const [person] = await db
    .select({ id: people.id, cipher: people.idNumberCipher })
    .from(people)
    .where(eq(people.stationId, (staff.scope as { facilityId: number }).facilityId))
    .limit(1);
  return person;
}

/** A man on the dibao list, created by `staff` (village 0 lies outside every scope). */
function createDibaoMan(
  tx: Parameters<typeof createPerson>[0],
  staff: SessionUser,
  person: { fullName: string; birthDate: string; idNumber: string; villageId: number },
) {
  return createPerson(tx, {
    user: staff,
    actor: actorOf(staff),
    now,
    input: { ...person, sex: "male", categories: ["dibao"] },
  });
}

describe("people in care", () => {
  it("stores the ID number only encrypted, with a keyed hash and a masked copy", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const idNumber = buildIdNumber({ region6: "540402", birthDate: "1950-07-15", sequence: 913 });
    const { id, visitId } = await db.transaction((tx) => {
      const create = (villageId: number) =>
        createDibaoMan(tx, staff, { fullName: "测试·次仁", birthDate: "1950-07-15", idNumber, villageId });
      return create(0).catch(async (e) => {
        // The village is resolved below; the first call proves a village outside scope is refused.
        expect(e).toBeInstanceOf(Refusal);
        return create(await baibaVillageId());
      });
    });
    const raw = await queryRows<Record<string, unknown>>(db, sql`select * from people where id = ${id}`);
    const rowText = JSON.stringify(raw[0]);
    expect(rowText).not.toContain(idNumber);
    expect(rowText).not.toContain(idNumber.slice(6, 14) + idNumber.slice(14, 17));
    expect(raw[0].id_number_masked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(String(raw[0].id_number_cipher)).toMatch(/^v1:/);
    expect(decryptIdNumber(String(raw[0].id_number_cipher))).toBe(idNumber);
    // Nowhere else either: not in the audit log, not in any visit or reminder.
    const anywhere = await queryRows<{ n: number }>(
      db,
      sql`select (select count(*) from audit_log where changes::text like ${`%${idNumber}%`})::int
               + (select count(*) from reminders where payload::text like ${`%${idNumber}%`})::int as n`,
    );
    expect(anywhere[0].n).toBe(0);
    // A new person gets their first routine visit one interval (dibao, normal: 90 days) from today.
    const [visit] = await db.select().from(visits).where(eq(visits.id, visitId!));
    expect(visit).toMatchObject({
      kind: "routine",
      status: "scheduled",
      dueOn: "2025-06-08",
      assignedUserId: staff.id,
    });
  });

  it("refuses a second file for the same ID number with a clear message", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const idNumber = buildIdNumber({ region6: "540402", birthDate: "1961-01-02", sequence: 922 });
    const input = {
      fullName: "测试·卓玛",
      sex: "female" as const,
      birthDate: "1961-01-02",
      idNumber,
      villageId: await baibaVillageId(),
      categories: ["dibao" as const],
    };
    const first = await db.transaction((tx) =>
      createPerson(tx, { user: staff, actor: actorOf(staff), input, now }),
    );
    const second = await db
      .transaction((tx) => createPerson(tx, { user: staff, actor: actorOf(staff), input, now }))
      .catch((e) => e);
    expect(second).toBeInstanceOf(Refusal);
    expect(second.problems).toEqual({
      fieldErrors: { idNumber: [message("peopleRegister:errors.duplicateIdWithLink", { id: first.id })] },
    });
  });

  it("reveals the full number to a permitted user and writes the reveal to the audit log", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const person = await firstPersonAtStationOf(staff);
    const revealed = await revealIdNumber({
      user: staff,
      actor: actorOf(staff),
      personId: person.id,
      reason: "办理临时救助",
    });
    expect(revealed).toMatchObject({ ok: true, value: { idNumber: decryptIdNumber(person.cipher) } });
    const [entry] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      action: "person.reveal_id",
      entityType: "person",
      entityId: String(person.id),
      actorUserId: staff.id,
      reason: "办理临时救助",
    });
    expect(JSON.stringify(entry)).not.toContain(decryptIdNumber(person.cipher));
  });

  it("hides children's files from everyone but their station's staff and the region's planners", async () => {
    const [child] = await queryRows<{ id: number; station_id: number }>(
      db,
      sql`select p.id, p.station_id from people p join regions v on v.id = p.village_id
          where v.code like '540402%' and p.categories && array['left_behind_child','orphan']::text[] limit 1`,
    );
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const admin = await sessionUserFor("admin@demo.local");
    await expect(getPersonFile({ user: planner, id: child.id })).resolves.toMatchObject({ id: child.id });
    await expect(getPersonFile({ user: admin, id: child.id })).resolves.toBeNull();
    const adminList = await listPeople({
      user: admin,
      filters: { q: undefined, status: "all" },
      pageSize: 5000,
    });
    expect(adminList.rows.map((r) => r.id)).not.toContain(child.id);
  });

  it("finds a person by their full ID number through the keyed hash", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const person = await firstPersonAtStationOf(staff);
    const found = await listPeople({
      user: staff,
      filters: { q: decryptIdNumber(person.cipher), status: "all" },
    });
    expect(found.rows.map((r) => r.id)).toEqual([person.id]);
  });

  it("cancels open visits and their pending reminders when a person leaves the register", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const [open] = await db
      .select({ id: visits.id, personId: visits.personId })
      .from(visits)
      .innerJoin(people, eq(people.id, visits.personId))
      .where(
        and(
          eq(visits.status, "scheduled"),
          eq(people.stationId, (staff.scope as { facilityId: number }).facilityId),
          eq(people.status, "active"),
        ),
      )
      .limit(1);
    await db.insert(reminders).values({
      kind: "visit_due",
      subjectType: "visit",
      subjectId: open.id,
      recipientUserId: staff.id,
      channel: "in_app",
      sendAt: now,
      dedupeKey: `test:${open.id}`,
      payload: {},
    });
    const changed = await changePersonStatus({
      ...by(staff),
      personId: open.personId,
      input: { status: "deceased", statusOn: "2025-03-09", statusReason: "病故" },
      now,
    });
    expect(changed).toMatchObject({ ok: true });
    const left = await db
      .select()
      .from(visits)
      .where(and(eq(visits.personId, open.personId), eq(visits.status, "scheduled")));
    expect(left).toEqual([]);
    const [reminder] = await db
      .select()
      .from(reminders)
      .where(eq(reminders.dedupeKey, `test:${open.id}`));
    expect(reminder.status).toBe("cancelled");
  });

  it("records who set a risk tier and why, and pulls the next visit in to the shorter interval", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const idNumber = buildIdNumber({ region6: "540402", birthDate: "1948-11-30", sequence: 931 });
    const { id } = await db.transaction((tx) => {
      const create = (villageId: number) =>
        createDibaoMan(tx, staff, { fullName: "测试·平措", birthDate: "1948-11-30", idNumber, villageId });
      return create(0).catch(async () => create(await baibaVillageId()));
    });
    const set = await setRiskTier({
      ...by(staff),
      personId: id,
      input: { riskTier: "high", riskReason: "独居，近期跌倒" },
      now,
    });
    expect(set).toMatchObject({ ok: true });
    const [person] = await db.select().from(people).where(eq(people.id, id));
    expect(person).toMatchObject({ riskTier: "high", riskReason: "独居，近期跌倒", riskSetBy: staff.id });
    const [open] = await db
      .select()
      .from(visits)
      .where(and(eq(visits.personId, id), eq(visits.status, "scheduled")));
    expect(open.dueOn).toBe("2025-03-17");
  });
});

describe("the next due date kept on the person", () => {
  it("always equals the earliest open visit, whatever writes the visits", async () => {
    const nextDue = async (id: number) =>
      (
        await queryRows<{ d: string | null }>(
          db,
          sql`select next_due_on::text as d from people where id = ${id}`,
        )
      )[0].d;
    const earliest = async (id: number) =>
      (
        await queryRows<{ d: string | null }>(
          db,
          sql`select min(due_on)::text as d from visits where person_id = ${id} and status = 'scheduled'`,
        )
      )[0].d;
    // The demo data was loaded through the same triggers (and the migration's backfill): every file agrees.
    const disagreeing = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people p where p.next_due_on is distinct from
          (select min(v.due_on) from visits v where v.person_id = p.id and v.status = 'scheduled')`,
    );
    expect(disagreeing[0].n).toBe(0);
    const [person] = await queryRows<{ id: number; station_id: number }>(
      db,
      sql`select id, station_id from people where station_id is not null and next_due_on is not null order by id limit 1`,
    );
    const before = await nextDue(person.id);
    // An earlier follow-up brings it forward; moving, completing and deleting visits move it back.
    const [open] = await queryRows<{ id: number }>(
      db,
      sql`select id from visits where person_id = ${person.id} and status = 'scheduled' order by due_on limit 1`,
    );
    const [early] = await db
      .insert(visits)
      .values({
        personId: person.id,
        stationId: person.station_id,
        kind: "follow_up",
        dueOn: "2020-01-02",
        followUpOfId: open.id,
      })
      .returning({ id: visits.id });
    expect(await nextDue(person.id)).toBe("2020-01-02");
    await db.update(visits).set({ dueOn: "2020-02-03" }).where(eq(visits.id, early.id));
    expect(await nextDue(person.id)).toBe("2020-02-03");
    await db.update(visits).set({ status: "cancelled" }).where(eq(visits.id, early.id));
    expect(await nextDue(person.id)).toBe(before);
    await db.delete(visits).where(eq(visits.personId, person.id));
    expect(await nextDue(person.id)).toBeNull();
    expect(await earliest(person.id)).toBeNull();
  });
});
