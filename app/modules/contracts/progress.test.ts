import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, activityPeople, contracts } from "#db/schema";
import { daysBetween } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { deliverableProgress } from "./progress.server";

useTestDatabase({ template: "demo" });

describe("deliverable progress", () => {
  it("counts the 2,600 person-times Gar's day-care centre served in 2023, over the whole completed period", async () => {
    const [gar] = await db.select().from(contracts).where(eq(contracts.code, "ALI-2023-DC-542523"));
    const progress = (await deliverableProgress([gar.id], { asOf: "2024-06-30" })).get(gar.id)!;
    expect(progress.personTimes.done).toBe(2600);
    expect(progress.daysLeft).toBe(0);
    expect(progress.elapsedShare).toBe(1);
    expect(progress.money.spentFen).toBeGreaterThan(0);
    expect(progress.money.allocatedFen).toBe(300_000 * 100);
  });

  it("expects activities only for the months begun so far and counts the months that met the target", async () => {
    const [station] = await db.select().from(contracts).where(like(contracts.code, "BYQ-%-SW-04"));
    const asOf = `${station.startsOn.slice(0, 4)}-03-15`;
    const progress = (await deliverableProgress([station.id], { asOf })).get(station.id)!;
    expect(progress.activities.perMonth).toBe(4);
    expect(progress.activities.monthsDue).toBe(3);
    expect(progress.activities.expected).toBe(12);
    expect(progress.activities.monthsMet).toBeLessThanOrEqual(3);
  });

  it("reports nothing done before a contract starts", async () => {
    const [station] = await db.select().from(contracts).where(like(contracts.code, "BYQ-%-SW-04"));
    const progress = (await deliverableProgress([station.id], { asOf: "2020-01-01" })).get(station.id)!;
    expect(progress.activities.done).toBe(0);
    expect(progress.elapsedDays).toBe(0);
    expect(progress.activities.monthsDue).toBe(0);
    expect(progress.homeVisits.expected).toBe(0);
    expect(progress.behind).toBe(false);
  });
});

/** The one active contract whose code matches, e.g. "BYQ-%-SW-04". */
async function activeContract(code: string) {
  const [row] = await db
    .select()
    .from(contracts)
    .where(and(like(contracts.code, code), eq(contracts.status, "active")));
  return row;
}

/** Counted independently of the module: people in care on `day` in villages under `prefix`, matching `who`. */
async function peopleInCareUnder(prefix: string, day: string, who = sql`true`) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from people p join regions v on v.id = p.village_id
        where v.code like ${`${prefix}%`} and (p.status = 'active' or p.status_on > ${day}::date) and ${who}`,
  );
  return Number(row.n);
}

async function townshipPrefixOf(contractId: number) {
  const [row] = await queryRows<{ code: string }>(
    db,
    sql`select t.code from contracts c join facilities f on f.id = c.facility_id join regions t on t.id = f.township_id
        where c.id = ${contractId}`,
  );
  return row.code.slice(0, 9);
}

describe("home visits per person in care per year", () => {
  it("expects the target times the people in care of the station's township, prorated to the time elapsed", async () => {
    const station = await activeContract("BYQ-%-SW-04");
    const asOf = `${station.startsOn.slice(0, 4)}-06-30`;
    const progress = (await deliverableProgress([station.id], { asOf })).get(station.id)!;
    const people = await peopleInCareUnder(await townshipPrefixOf(station.id), asOf);
    const [visits] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from activity_people ap join activities a on a.id = ap.activity_id
          where a.contract_id = ${station.id} and a.kind = 'home_visit' and a.deleted_at is null
            and a.occurred_on <= ${asOf}::date`,
    );
    const elapsed = daysBetween(station.startsOn, asOf) + 1;
    expect(people).toBeGreaterThan(0);
    expect(progress.homeVisits).toEqual({
      perPersonPerYear: 2,
      peopleInCare: people,
      expected: Math.round((2 * people * elapsed) / 365),
      done: Number(visits.n),
    });
  });

  it("counts only children's files, across the county, for a children's care project", async () => {
    const project = await activeContract("ALI-%-ET-GAR-ETGA");
    const asOf = project.endsOn;
    const progress = (await deliverableProgress([project.id], { asOf })).get(project.id)!;
    const child = sql`(p.birth_date > current_date - interval '18 years'
      or p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[])`;
    const children = await peopleInCareUnder("542523", asOf, child);
    expect(children).toBeGreaterThan(0);
    expect(children).toBeLessThan(await peopleInCareUnder("542523", asOf));
    expect(progress.homeVisits.peopleInCare).toBe(children);
    expect(progress.homeVisits.expected).toBe(
      Math.round(1 * children * Math.min(1, (daysBetween(project.startsOn, project.endsOn) + 1) / 365)),
    );
  });

  it("makes a contract behind when home visits fall short, and not once every person in care was visited", async () => {
    const station = await activeContract("BYQ-%-SW-04");
    // Only the home-visit target is measured, so nothing else can make the contract behind.
    await db
      .update(contracts)
      .set({ deliverables: { homeVisitsPerPersonPerYear: 1 } })
      .where(eq(contracts.id, station.id));
    await db
      .update(activities)
      .set({ deletedAt: new Date() })
      .where(and(eq(activities.contractId, station.id), eq(activities.kind, "home_visit")));
    const asOf = station.endsOn;
    const short = (await deliverableProgress([station.id], { asOf })).get(station.id)!;
    expect(short.homeVisits.done).toBe(0);
    expect(short.homeVisits.expected).toBeGreaterThan(0);
    expect(short.behind).toBe(true);

    const ids = await queryRows<{ id: number }>(
      db,
      sql`select p.id from people p join regions v on v.id = p.village_id
          where v.code like ${`${await townshipPrefixOf(station.id)}%`} and p.status = 'active'`,
    );
    const [visit] = await db
      .insert(activities)
      .values({
        contractId: station.id,
        organizationId: station.organizationId,
        facilityId: station.facilityId,
        occurredOn: station.startsOn,
        kind: "home_visit",
        participants: ids.length,
        personTimes: ids.length,
        hours: "8",
        summary: "逐户走访辖区全部服务对象",
      })
      .returning({ id: activities.id });
    await db
      .insert(activityPeople)
      .values(ids.map((p) => ({ activityId: visit.id, personId: Number(p.id) })));
    const met = (await deliverableProgress([station.id], { asOf })).get(station.id)!;
    expect(met.homeVisits.done).toBe(ids.length);
    expect(met.homeVisits.done).toBeGreaterThanOrEqual(met.homeVisits.expected!);
    expect(met.behind).toBe(false);
  });
});
