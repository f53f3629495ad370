// The monthly contract report against independent SQL on the demo data: the month's activities, person-times,
// people and spending, and the deliverables so far; and a contract outside the reader's scope is not found.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/types";
import { db, queryRows } from "~/utils/db.server";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { contractMonthReport, findReportContract, type MonthTotals } from "./contract-month.server";

useTestDatabase({ template: "demo" });

async function one<T extends Record<string, unknown>>(query: ReturnType<typeof sql>) {
  return (await queryRows<T>(db, query))[0];
}

/** Station contracts with people linked to their activities: one of 2023, one running now (its last full month). */
let cases: { id: number; month: string }[];

beforeAll(async () => {
  cases = await queryRows<{ id: number; month: string }>(
    db,
    sql`(select c.id, '2023-06' as month from contracts c
         where c.code like 'ALI-2023-SW-%' and exists (select 1 from activities a join activity_people ap on ap.activity_id = a.id
                                                       where a.contract_id = c.id and a.kind = 'home_visit')
         order by c.id limit 1)
        union all
        (select c.id, to_char(max(a.occurred_on) - interval '1 month', 'YYYY-MM') as month from contracts c join activities a on a.contract_id = c.id
         where c.status = 'active' and c.facility_id is not null
           and exists (select 1 from activity_people ap join activities a2 on a2.id = ap.activity_id where a2.contract_id = c.id)
         group by c.id order by c.id limit 1)`,
  );
  expect(cases.length).toBe(2);
  // A deleted activity in each month reported on: it may not count.
  for (const { id, month } of cases) {
    await db.execute(sql`update activities set deleted_at = now() where id = (
      select min(id) from activities where contract_id = ${id} and to_char(occurred_on, 'YYYY-MM') = ${month})`);
  }
});

describe("the monthly report of a contract", () => {
  it("counts the month's activities, participants, person-times, hours and people as an independent query does", async () => {
    for (const { id, month } of cases) {
      const report = await contractMonthReport({ contractId: id, month });
      const expected = await one<MonthTotals>(
        sql`select count(*)::int as activities, coalesce(sum(act.participants), 0)::int as participants,
              coalesce(sum(act.person_times), 0)::int as "personTimes", coalesce(sum(act.hours), 0)::float8 as hours,
              (select count(*) from people p where exists (
                 select 1 from activity_people link join activities a2 on a2.id = link.activity_id
                 where link.person_id = p.id and a2.contract_id = ${id} and a2.deleted_at is null
                   and to_char(a2.occurred_on, 'YYYY-MM') = ${month}))::int as people
            from activities act
            where act.contract_id = ${id} and act.deleted_at is null and to_char(act.occurred_on, 'YYYY-MM') = ${month}`,
      );
      expect(expected.activities).toBeGreaterThan(0);
      expect(report.month_).toEqual(expected);
      const byKind = await queryRows<{ kind: string; activities: number; personTimes: number }>(
        db,
        sql`select act.kind, count(*)::int as activities, sum(act.person_times)::int as "personTimes"
            from activities act
            where act.contract_id = ${id} and act.deleted_at is null and to_char(act.occurred_on, 'YYYY-MM') = ${month}
            group by 1`,
      );
      const asMap = (rows: { kind: string; activities: number; personTimes: number }[]) =>
        Object.fromEntries(rows.map((r) => [r.kind, [r.activities, r.personTimes]]));
      expect(asMap(report.byKind)).toEqual(asMap(byKind));
    }
  });

  it("sums the month's spending by category as an independent query does", async () => {
    for (const { id, month } of cases) {
      const report = await contractMonthReport({ contractId: id, month });
      const expected = await queryRows<{ category: string; fen: number; items: number }>(
        db,
        sql`select e.category, sum(e.amount_fen)::float8 as fen, count(*)::int as items from expenditures e
            where e.contract_id = ${id} and to_char(e.spent_on, 'YYYY-MM') = ${month} group by 1`,
      );
      expect(expected.length).toBeGreaterThan(0);
      const asMap = (rows: { category: string; fen: number; items: number }[]) =>
        Object.fromEntries(rows.map((r) => [r.category, [r.fen, r.items]]));
      expect(asMap(report.spending)).toEqual(asMap(expected));
      expect(report.spentFen).toBe(expected.reduce((s, r) => s + r.fen, 0));
    }
  });

  it("measures the deliverables up to the month's end (or today) as an independent query does", async () => {
    for (const { id, month } of cases) {
      const report = await contractMonthReport({ contractId: id, month });
      const asOf = report.asOf;
      expect(asOf <= report.range.end).toBe(true);
      const expected = await one<{
        activities: number;
        personTimes: number;
        people: number;
        homeVisits: number;
        allocated: number;
        spent: number;
      }>(
        sql`select
              (select count(*) from activities a where a.contract_id = ${id} and a.deleted_at is null and a.occurred_on <= ${asOf})::int as activities,
              (select coalesce(sum(a.person_times), 0) from activities a where a.contract_id = ${id} and a.deleted_at is null and a.occurred_on <= ${asOf})::int as "personTimes",
              (select count(distinct link.person_id) from activity_people link join activities a on a.id = link.activity_id
               where a.contract_id = ${id} and a.deleted_at is null and a.occurred_on <= ${asOf})::int as people,
              (select count(*) from activity_people link join activities a on a.id = link.activity_id
               where a.contract_id = ${id} and a.deleted_at is null and a.kind = 'home_visit' and a.occurred_on <= ${asOf})::int as "homeVisits",
              (select coalesce(sum(al.amount_fen), 0) from allocations al where al.contract_id = ${id} and al.allocated_on <= ${asOf})::float8 as allocated,
              (select coalesce(sum(e.amount_fen), 0) from expenditures e where e.contract_id = ${id} and e.spent_on <= ${asOf})::float8 as spent`,
      );
      expect(expected.people).toBeGreaterThan(0);
      const p = report.progress!;
      expect({
        activities: p.activities.done,
        personTimes: p.personTimes.done,
        people: p.peopleServed,
        homeVisits: p.homeVisits.done,
        allocated: p.money.allocatedFen,
        spent: p.money.spentFen,
      }).toEqual(expected);
    }
  });
});

describe("finding a contract to report on", () => {
  let own: SessionUser;
  beforeAll(async () => {
    own = await sessionUserFor("org.gar@demo.local");
  });

  it("finds the organization's own contract and not another organization's", async () => {
    const organizationId = own.scope.kind === "organization" ? own.scope.organizationId : -1;
    const mine = await one<{ id: number }>(
      sql`select id from contracts where organization_id = ${organizationId} order by id limit 1`,
    );
    const theirs = await one<{ id: number }>(
      sql`select id from contracts where organization_id <> ${organizationId} order by id limit 1`,
    );
    expect((await findReportContract(own, mine.id))?.id).toBe(mine.id);
    expect(await findReportContract(own, theirs.id)).toBeNull();
  });
});
