// Households through the real writes on a database cloned from the demo: founding one, members, the head, scope and
// masking, a household visit recorded as each member's own visit in one transaction, and the 低保 figures.
import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, conflicts, householdMembers, people, visits } from "#db/schema";
import { cookieFor, postForm } from "~/modules/activities/testing.server";
import { newFormKey } from "~/modules/kernel/form-key";
import type { WriteResult } from "~/modules/kernel/write-result";
import { editPerson } from "~/modules/people/mutations.server";
import { actorOf, sessionUserFor } from "~/modules/people/testing.server";
import { rescheduleVisit } from "~/modules/visits/mutations.server";
import { loader as householdsLoader } from "~/routes/households._index";
import { loader as householdLoader } from "~/routes/households.$id";
import { action as householdVisitAction } from "~/routes/households_.$id.visit";
import { loader as reviewLoader } from "~/routes/reports.year-in-review";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { BAYI_DIBAO, BAYI_DIBAO_DAY } from "../../../scripts/seed/households";
import { personInputOf } from "../../../test/factories/people";
import { by } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { dibaoCounts } from "./dibao.server";
import {
  addHouseholdMember,
  createHousehold,
  removeHouseholdMember,
  setHouseholdHead,
} from "./mutations.server";
import { getHousehold, householdOfPerson, householdVisitMembers } from "./queries.server";
import { householdVisitSchema } from "./schemas";
import { recordHouseholdVisit } from "./visit.server";

useTestDatabase({ template: "demo" });

const today = todayInShanghai();
const BAIBA = "station.baiba@demo.local";
const thisYear = Number(today.slice(0, 4));

function value<T>(result: WriteResult<T> | null): T {
  if (!result?.ok) throw new Error(`not stored: ${JSON.stringify(result)}`);
  return result.value;
}

async function as(email: string) {
  const user = await sessionUserFor(email);
  return { user, actor: actorOf(user), key: newFormKey() };
}

const context = { requestId: "test", cspNonce: "" };
const get = (path: string, cookie: string) => ({
  request: new Request(`http://test.local${path}`, { headers: { Cookie: cookie } }),
  params: {},
  context,
});

/** The year in review's page for Bayi, as its planner opens it. */
async function bayiReview(year: number) {
  const cookie = await cookieFor("planner.bayi@demo.local");
  const { review } = await reviewLoader(
    get(`/reports/year-in-review?year=${year}&region=540402000000`, cookie),
  );
  expect(review.period.year, "the demo has the year asked for").toBe(year);
  const dibaoInCare = review.peopleInCare.byCategory.find((c) => c.category === "dibao")?.people ?? 0;
  return { dibao: review.dibao, dibaoInCare };
}

/** Adults at Baiba's station in no household. */
async function loneAdults() {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select p.id from people p join facilities f on f.id = p.station_id
        where f.code = '540402101000-SW01' and p.status = 'active' and p.birth_date < current_date - interval '18 years'
          and not exists (select 1 from household_members m where m.person_id = p.id)
        order by p.id limit 3`,
  );
  expect(rows.length, "the demo has adults in no household at Baiba").toBeGreaterThanOrEqual(2);
  return rows;
}

/** A Baiba household with at least two adult members whose open visits Baiba's staff can record. */
async function visitableHousehold(skip: number[] = []) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select m.household_id as id from household_members m join people p on p.id = m.person_id
        join visits v on v.person_id = p.id and v.status = 'scheduled'
        join facilities f on f.id = v.station_id
        where f.code = '540402101000-SW01' and p.birth_date < current_date - interval '18 years'
          and not (m.household_id = any(${`{${skip.join(",")}}`}::int[]))
        group by m.household_id having count(distinct p.id) >= 2 order by m.household_id limit 1`,
  );
  expect(row, "the demo has a Baiba household of two adults with open visits").toBeDefined();
  return row.id;
}

describe("低保 per household and per person", () => {
  it("reproduces the Bayi article on the demo as the register stood at the end of 2023: 141 households, 351 persons", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    expect(await dibaoCounts({ user: planner, prefix: "540402", asOf: BAYI_DIBAO_DAY })).toEqual({
      households: BAYI_DIBAO.households,
      persons: BAYI_DIBAO.persons,
      withoutHousehold: 0,
    });
    // The same figures by plain SQL, written apart from the definition: a file that left the register after that day
    // was still on it.
    const plain = (active: string) =>
      queryRows<{ persons: number; households: number }>(
        db,
        sql`select count(*)::int as persons, count(distinct m.household_id)::int as households
            from people p join regions v on v.id = p.village_id join household_members m on m.person_id = p.id
            where v.code like '540402%' and 'dibao' = any(p.categories) and ${sql.raw(active)}`,
      );
    expect(await plain(`(p.status = 'active' or p.status_on > '${BAYI_DIBAO_DAY}')`)).toEqual([
      { persons: 351, households: 141 },
    ]);
    // Today: the files that left since are off 低保 (the demo has some), counted as today's register stands.
    const [today_] = await plain("p.status = 'active'");
    expect(today_.persons).toBeLessThan(351);
    expect(await dibaoCounts({ user: planner, prefix: "540402" })).toEqual({
      ...today_,
      withoutHousehold: 0,
    });
  });

  it("shows Bayi's 2023 figures of the article in the year in review, the persons its people in care count", async () => {
    const { dibao, dibaoInCare } = await bayiReview(2023);
    expect(dibao).toEqual({ households: 141, persons: 351, withoutHousehold: 0 });
    expect(dibaoInCare).toBe(dibao.persons);
  });

  it("counts a 低保 person in no household as a household of their own", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const before = await dibaoCounts({ user: planner, prefix: "540402" });
    const [member] = await queryRows<{ person_id: number }>(
      db,
      sql`select m.person_id from household_members m join people p on p.id = m.person_id
          join regions v on v.id = p.village_id
          where v.code like '540402%' and m.relation = 'spouse' and 'dibao' = any(p.categories) limit 1`,
    );
    await db.delete(householdMembers).where(eq(householdMembers.personId, member.person_id));
    expect(await dibaoCounts({ user: planner, prefix: "540402" })).toEqual({
      households: before.households + 1,
      persons: before.persons,
      withoutHousehold: 1,
    });
  });
});

describe("低保 in a year's review", () => {
  it("does not move last year's figures when a person leaves 低保 today, while this year's and the households page do", async () => {
    // A person at Baiba's station on 低保 and nothing else, in a household, and whether another 低保 member keeps it a
    // 低保 household.
    const [row] = await queryRows<{ id: number; alone: boolean }>(
      db,
      sql`select p.id, not exists (select 1 from household_members o join people q on q.id = o.person_id
            where o.household_id = m.household_id and q.id <> p.id and q.status = 'active'
              and 'dibao' = any(q.categories)) as alone
          from people p join household_members m on m.person_id = p.id
          where p.station_id = (select f.id from facilities f where f.code = '540402101000-SW01')
            and p.status = 'active' and p.categories = array['dibao']::text[]
          order by p.id limit 1`,
    );
    const [person] = await db.select().from(people).where(eq(people.id, row.id));
    const cookie = await cookieFor("planner.bayi@demo.local");
    const householdsPage = async () => (await householdsLoader(get("/households", cookie))).dibao;
    const [lastBefore, nowBefore, listBefore] = [
      await bayiReview(thisYear - 1),
      await bayiReview(thisYear),
      await householdsPage(),
    ];
    expect(lastBefore.dibao.persons).toBeGreaterThan(0);
    const staff = await sessionUserFor("station.baiba.head@demo.local");
    const edited = await editPerson({
      ...by(staff),
      personId: person.id,
      input: { ...personInputOf(person), categories: ["tekun_dispersed"] },
    });
    expect(edited).toMatchObject({ ok: true });

    expect(await bayiReview(thisYear - 1)).toEqual(lastBefore);
    const now = await bayiReview(thisYear);
    const moved = {
      households: nowBefore.dibao.households - (row.alone ? 1 : 0),
      persons: nowBefore.dibao.persons - 1,
      withoutHousehold: nowBefore.dibao.withoutHousehold,
    };
    expect(now).toEqual({ dibao: moved, dibaoInCare: nowBefore.dibaoInCare - 1 });
    expect(await householdsPage()).toEqual({
      households: listBefore.households - (row.alone ? 1 : 0),
      persons: listBefore.persons - 1,
      withoutHousehold: listBefore.withoutHousehold,
    });
  });
});

describe("keeping a household", () => {
  it("founds one with its head, adds a member, hands the head over and lets the head leave last", async () => {
    const [head, spouse] = await loneAdults();
    const created = value(
      await createHousehold({ ...(await as(BAIBA)), input: { personId: head.id, number: "测试-001" } }),
    );
    const staff = await sessionUserFor(BAIBA);
    expect(await householdOfPerson({ user: staff, personId: head.id })).toMatchObject({
      id: created.id,
      number: "测试-001",
      relation: "head",
      members: 1,
    });
    value(
      await addHouseholdMember({
        ...(await as(BAIBA)),
        householdId: created.id,
        input: { personId: spouse.id, relation: "spouse" },
      }),
    );
    value(
      await setHouseholdHead({
        ...(await as(BAIBA)),
        householdId: created.id,
        input: { personId: spouse.id, formerHeadRelation: "spouse" },
      }),
    );
    const page = await getHousehold({ user: staff, id: created.id });
    expect(page?.members.map((m) => [m.person.id, m.relation])).toEqual([
      [spouse.id, "head"],
      [head.id, "spouse"],
    ]);
    const headLeaves = await removeHouseholdMember({
      ...(await as(BAIBA)),
      householdId: created.id,
      input: { personId: spouse.id },
    });
    expect(headLeaves).toMatchObject({ ok: false, formErrors: ["households:errors.headLeavesLast"] });
    value(
      await removeHouseholdMember({
        ...(await as(BAIBA)),
        householdId: created.id,
        input: { personId: head.id },
      }),
    );
    expect(await householdOfPerson({ user: staff, personId: head.id })).toBeNull();
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "household"), eq(auditLog.entityId, String(created.id))));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "household.add_member",
      "household.create",
      "household.remove_member",
      "household.set_head",
    ]);
  });

  it("refuses a number the village has already and a person who belongs to a household", async () => {
    const [lone] = await queryRows<{ id: number; number: string }>(
      db,
      sql`select p.id, h.number from people p join facilities f on f.id = p.station_id
          join households h on h.village_id = p.village_id
          where f.code = '540402101000-SW01' and p.status = 'active' and p.birth_date < current_date - interval '18 years'
            and not exists (select 1 from household_members m where m.person_id = p.id)
          order by p.id, h.id limit 1`,
    );
    expect(lone, "a lone adult in a village with a household").toBeDefined();
    const taken = await createHousehold({
      ...(await as(BAIBA)),
      input: { personId: lone.id, number: lone.number },
    });
    expect(taken).toMatchObject({ ok: false, fieldErrors: { number: ["households:errors.numberTaken"] } });
    const created = value(
      await createHousehold({ ...(await as(BAIBA)), input: { personId: lone.id, number: "测试-002" } }),
    );
    const [member] = await queryRows<{ person_id: number }>(
      db,
      sql`select m.person_id from household_members m join people p on p.id = m.person_id
          join facilities f on f.id = p.station_id
          where f.code = '540402101000-SW01' and m.household_id <> ${created.id} order by m.person_id limit 1`,
    );
    const again = await addHouseholdMember({
      ...(await as(BAIBA)),
      householdId: created.id,
      input: { personId: member.person_id, relation: "other" },
    });
    expect(again).toMatchObject({
      ok: false,
      fieldErrors: { personId: ["households:errors.alreadyMember"] },
    });
  });

  it("is not found for another county's planner, and shows a child to organization staff only masked", async () => {
    const [withChild] = await queryRows<{ household_id: number; person_id: number }>(
      db,
      sql`select m.household_id, m.person_id from household_members m join people p on p.id = m.person_id
          join facilities f on f.id = p.station_id
          where f.code = '540402101000-SW01' and p.birth_date > current_date - interval '18 years' limit 1`,
    );
    const ngari = await sessionUserFor("planner.ngari@demo.local");
    expect(await getHousehold({ user: ngari, id: withChild.household_id })).toBeNull();
    expect(
      await addHouseholdMember({
        ...(await as("planner.ngari@demo.local")),
        householdId: withChild.household_id,
        input: { personId: withChild.person_id, relation: "child" },
      }),
    ).toBeNull();
    const org = await sessionUserFor("org.bayi-qihang@demo.local");
    const seen = await getHousehold({ user: org, id: withChild.household_id });
    const child = seen?.members.find((m) => m.person.id === withChild.person_id);
    expect(child).toMatchObject({ categories: null, visits: null, person: { masked: true } });
    expect(child?.person.fullName).toMatch(/\*/);
    const staff = await sessionUserFor(BAIBA);
    const open = (await getHousehold({ user: staff, id: withChild.household_id }))?.members.find(
      (m) => m.person.id === withChild.person_id,
    );
    expect(open).toMatchObject({ person: { masked: false }, categories: expect.arrayContaining(["dibao"]) });
  });
});

describe("a household visit", () => {
  it("records one outcome per member in one transaction, each as its own visit would be", async () => {
    const householdId = await visitableHousehold();
    const staff = await sessionUserFor(BAIBA);
    const [a, b] = (await householdVisitMembers({ user: staff, householdId })).filter((m) => m.visitId);
    const form = householdVisitSchema(today).parse({
      visitedOn: today,
      members: [
        { visitId: a.visitId, baseVersion: a.version, outcome: "visited", notes: "全户：身体尚好" },
        {
          visitId: b.visitId,
          baseVersion: b.version,
          outcome: "needs_follow_up",
          followUpReason: "药品将用完",
          followUpOn: addDaysToDate(today, 7),
        },
      ],
    });
    const key = newFormKey();
    const done = value(
      await recordHouseholdVisit({ user: staff, actor: actorOf(staff), key, householdId, input: form }),
    );
    expect(done.visits.map((v) => [v.personId, v.outcome])).toEqual([
      [a.personId, "visited"],
      [b.personId, "needs_follow_up"],
    ]);
    const recorded = await db
      .select({ id: visits.id, status: visits.status, outcome: visits.outcome })
      .from(visits)
      .where(sql`${visits.id} in (${a.visitId}, ${b.visitId})`)
      .orderBy(visits.id);
    expect(recorded.map((v) => v.status)).toEqual(["completed", "completed"]);
    // As each would be alone: a next routine visit for both, a follow-up for the second.
    for (const personId of [a.personId, b.personId]) {
      const open = await db
        .select({ kind: visits.kind })
        .from(visits)
        .where(and(eq(visits.personId, personId), eq(visits.status, "scheduled")));
      expect(open.map((v) => v.kind).sort()).toEqual(
        personId === b.personId ? ["follow_up", "routine"] : ["routine"],
      );
    }
    const entries = await db
      .select({ action: auditLog.action, entityId: auditLog.entityId })
      .from(auditLog)
      .where(sql`${auditLog.action} in ('visit.record', 'household.visit')`);
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: "visit.record", entityId: String(a.visitId) },
        { action: "visit.record", entityId: String(b.visitId) },
        { action: "household.visit", entityId: String(householdId) },
      ]),
    );
    // The same form key again: the first answer, nothing recorded twice.
    const replay = await recordHouseholdVisit({
      user: staff,
      actor: actorOf(staff),
      key,
      householdId,
      input: form,
    });
    expect(replay).toMatchObject({ ok: true, replayed: true });
  });

  it("stores nothing for anyone when one member's outcome is refused", async () => {
    const householdId = await visitableHousehold();
    const other = await visitableHousehold([householdId]);
    const staff = await sessionUserFor(BAIBA);
    const [a] = (await householdVisitMembers({ user: staff, householdId })).filter((m) => m.visitId);
    const [stranger] = (await householdVisitMembers({ user: staff, householdId: other })).filter(
      (m) => m.visitId,
    );
    const refused = await recordHouseholdVisit({
      ...by(staff),
      householdId,
      input: householdVisitSchema(today).parse({
        visitedOn: today,
        members: [
          { visitId: a.visitId, outcome: "visited" },
          { visitId: stranger.visitId, outcome: "visited" },
        ],
      }),
    });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { "members[1].outcome": ["households:errors.notAMemberVisit"] },
    });
    const [still] = await db.select({ status: visits.status }).from(visits).where(eq(visits.id, a.visitId!));
    expect(still.status).toBe("scheduled");
  });

  it("keeps a member whose visit changed meanwhile for conflict review and records the others (through the action)", async () => {
    const householdId = await visitableHousehold();
    const staff = await sessionUserFor(BAIBA);
    const head = await sessionUserFor("station.baiba.head@demo.local");
    const [a, b] = (await householdVisitMembers({ user: staff, householdId })).filter((m) => m.visitId);
    // While the form is open, the station's head reschedules the second member's visit.
    const movedTo = addDaysToDate(today, 4);
    value(
      await rescheduleVisit({
        ...by(head),
        visitId: b.visitId!,
        input: { dueOn: movedTo, reason: "对象外出" },
      }),
    );
    const context = { requestId: "test", cspNonce: "" };
    const cookie = await cookieFor(BAIBA);
    const answer = await householdVisitAction({
      request: postForm(
        `/households/${householdId}/visit`,
        cookie,
        {
          _key: newFormKey(),
          visitedOn: today,
          "members[0].visitId": String(a.visitId),
          "members[0].baseVersion": String(a.version),
          "members[0].outcome": "visited",
          "members[0].notes": "全户走访：身体尚好",
          "members[1].visitId": String(b.visitId),
          "members[1].baseVersion": String(b.version),
          "members[1].outcome": "not_home",
          "members[1].notes": "全户走访：外出务工",
        },
        [],
        { multipart: false },
      ),
      params: { id: String(householdId) },
      context,
    });
    expect(answer).toBeInstanceOf(Response);
    const location = (answer as Response).headers.get("Location") ?? "";
    const [kept] = await db.select().from(conflicts).where(eq(conflicts.entityId, b.visitId!));
    expect(kept, "the second member's outcome is a conflict").toBeDefined();
    expect(location).toBe(`/households/${householdId}?visited=1&conflicts=${kept.id}`);
    // The first member's visit is recorded; the second keeps the head's change, and both versions are kept.
    const rows = await db
      .select({ id: visits.id, status: visits.status, outcome: visits.outcome, dueOn: visits.dueOn })
      .from(visits)
      .where(sql`${visits.id} in (${a.visitId}, ${b.visitId})`);
    expect(rows.find((r) => r.id === a.visitId)).toMatchObject({ status: "completed", outcome: "visited" });
    expect(rows.find((r) => r.id === b.visitId)).toMatchObject({
      status: "scheduled",
      outcome: null,
      dueOn: movedTo,
    });
    expect(kept).toMatchObject({
      kind: "visit",
      status: "open",
      userId: staff.id,
      personId: b.personId,
      baseVersion: b.version,
      theirVersion: (b.version ?? 0) + 1,
    });
    expect(kept.theirs).toMatchObject({ status: "scheduled", dueOn: movedTo });
    expect(kept.yours).toMatchObject({ outcome: "not_home", visitedOn: today, notes: "全户走访：外出务工" });
    const [audit] = await db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.action, "household.visit"), eq(auditLog.entityId, String(householdId))))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit.changes).toMatchObject({
      conflicts: [{ personId: b.personId, visitId: b.visitId, conflictId: kept.id }],
    });
    // The page after saving names the member sent to conflict review, with the conflict to open.
    const page = await householdLoader({
      request: new Request(`http://test.local${location}`, { headers: { Cookie: cookie } }),
      params: { id: String(householdId) },
      context,
    });
    expect(page.conflicts).toEqual([{ id: kept.id, personName: b.fullName }]);
  });

  it("checks each member's outcome as the visit's own form does, next to that member", () => {
    const checked = householdVisitSchema(today).safeParse({
      visitedOn: today,
      members: [{ visitId: 1, outcome: "hospitalised" }, { visitId: 2 }],
    });
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["members.0.returnOn", "visits:errors.returnOnRequired"],
    ]);
    const none = householdVisitSchema(today).safeParse({ visitedOn: today, members: [{ visitId: 1 }] });
    expect(none.error?.issues.map((i) => i.message)).toEqual(["households:errors.noOutcome"]);
  });
});
