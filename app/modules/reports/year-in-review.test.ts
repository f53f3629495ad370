// Every figure of the Ngari 2023 year in review against an independent SQL count on the demo data,
// and the headline figures against what the 2023 article prints.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/types";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { periodOf, reportRegion } from "./region.server";
import { type YearInReview, yearInReview } from "./year-in-review.server";

useTestDatabase({ template: "demo" });

const planner = {
  id: 0,
  email: "planner.ngari@demo.local",
  name: "planner",
  role: "planner",
  locale: "zh-CN",
  isStationHead: false,
  sessionId: "",
  pending: [],
  totpEnabled: false,
  glassPersonIds: [],
  scope: {
    kind: "region",
    regionId: 0,
    regionCode: "542500000000",
    regionName: "阿里地区",
    codePrefix: "5425",
  },
} satisfies SessionUser;

let review: YearInReview;

async function one<T extends Record<string, unknown>>(query: ReturnType<typeof sql>) {
  return (await queryRows<T>(db, query))[0];
}

beforeAll(async () => {
  const region = (await reportRegion(planner, "542500000000"))!;
  review = await yearInReview({ user: planner, region, period: periodOf(2023) });
});

describe("the Ngari 2023 year in review", () => {
  it("reproduces the article: 5 day-care centres 9,526 person-times, the activity centre 6,318, 21 children's activities", () => {
    expect(review.headline.dayCare).toEqual({ facilities: 5, personTimes: 9526 });
    expect(review.headline.activityCentre).toEqual({ facilities: 1, personTimes: 6318 });
    expect(review.headline.childrenActivities).toBe(21);
  });

  it("reproduces the article's money: a 2.8 M yuan station pool over 12 stations and 1.1232 M yuan for children", () => {
    expect(review.headline.stationFunds).toEqual({ fen: 2_800_000 * 100, stations: 12 });
    expect(review.headline.childrenFunds).toEqual({ fen: 1_123_200 * 100, projects: 4 });
  });

  it("reproduces the party-branch coverage of about 86%", () => {
    expect(review.organizations.organizations).toBe(7);
    expect(review.organizations.withBranch).toBe(6);
    expect(Math.round(review.headline.partyCoverage! * 100)).toBe(86);
  });

  it("sums the headline station and children's funds as an independent query does", async () => {
    const stations = await one<{ fen: number; n: number }>(
      sql`select coalesce(sum(al.amount_fen), 0)::float8 as fen, count(distinct st.id)::int as n
          from allocations al, contracts ct, facilities st, regions town
          where ct.id = al.contract_id and st.id = ct.facility_id and town.id = st.township_id
            and st.kind = 'social_work_station' and left(town.code, 4) = '5425'
            and to_char(al.allocated_on, 'YYYY') = '2023'`,
    );
    const children = await one<{ fen: number; n: number }>(
      sql`select coalesce(sum(al.amount_fen), 0)::float8 as fen, count(distinct proj.id)::int as n
          from allocations al, contracts ct, care_projects proj, regions reg
          where ct.id = al.contract_id and proj.id = ct.care_project_id and reg.id = proj.region_id
            and proj.kind = 'children' and left(reg.code, 4) = '5425'
            and to_char(al.allocated_on, 'YYYY') = '2023'`,
    );
    expect(stations.n).toBeGreaterThan(0);
    expect(children.n).toBeGreaterThan(0);
    expect(review.headline.stationFunds).toEqual({ fen: stations.fen, stations: stations.n });
    expect(review.headline.childrenFunds).toEqual({ fen: children.fen, projects: children.n });
  });

  it("counts organizations, those with a party branch and those registered in 2023 as an independent query does", async () => {
    const expected = await one<{ all: number; branch: number; newInYear: number }>(
      sql`select count(*)::int as "all",
            sum(case when org.has_party_branch then 1 else 0 end)::int as branch,
            sum(case when to_char(org.registered_on, 'YYYY') = '2023' then 1 else 0 end)::int as "newInYear"
          from organizations org, regions reg
          where reg.id = org.region_id and left(reg.code, 4) = '5425' and org.status != 'deregistered'
            and coalesce(org.registered_on, date '2023-12-31') <= date '2023-12-31'`,
    );
    expect(expected.newInYear).toBeGreaterThan(0);
    expect({
      all: review.organizations.organizations,
      branch: review.organizations.withBranch,
      newInYear: review.organizations.registeredInYear,
    }).toEqual(expected);
    expect(review.headline.partyCoverage).toBeCloseTo(expected.branch / expected.all, 10);
  });

  it("counts activities and person-times by facility kind as an independent query does", async () => {
    const expected = await queryRows<{
      kind: string;
      activities: number;
      personTimes: number;
      facilities: number;
    }>(
      db,
      sql`select fac.kind, count(*)::int as activities, sum(act.person_times)::int as "personTimes",
            count(distinct fac.id)::int as facilities
          from activities act, facilities fac, regions town
          where act.facility_id = fac.id and fac.township_id = town.id and left(town.code, 4) = '5425'
            and act.deleted_at is null and act.occurred_on >= '2023-01-01' and act.occurred_on < '2024-01-01'
          group by fac.kind`,
    );
    expect(
      Object.fromEntries(
        review.activities.byKind.map((r) => [r.kind, [r.activities, r.personTimes, r.facilities]]),
      ),
    ).toEqual(Object.fromEntries(expected.map((r) => [r.kind, [r.activities, r.personTimes, r.facilities]])));
  });

  it("counts activities and person-times by care project as an independent query does", async () => {
    const expected = await queryRows<{ name: string; activities: number; personTimes: number }>(
      db,
      sql`select proj.name, count(*)::int as activities, sum(act.person_times)::int as "personTimes"
          from activities act, care_projects proj, regions reg
          where act.care_project_id = proj.id and proj.region_id = reg.id and left(reg.code, 4) = '5425'
            and act.deleted_at is null and extract(year from act.occurred_on) = 2023
          group by proj.name`,
    );
    expect(
      Object.fromEntries(review.activities.byProject.map((r) => [r.name, [r.activities, r.personTimes]])),
    ).toEqual(Object.fromEntries(expected.map((r) => [r.name, [r.activities, r.personTimes]])));
  });

  it("counts each month's activities and person-times by activity kind as an independent query does", async () => {
    const expected = await queryRows<{
      month: number;
      kind: string;
      activities: number;
      personTimes: number;
    }>(
      db,
      sql`select to_char(act.occurred_on, 'MM')::int as month, act.kind, count(*)::int as activities,
            sum(act.person_times)::int as "personTimes"
          from activities act
          where act.deleted_at is null and to_char(act.occurred_on, 'YYYY') = '2023'
            and (exists (select 1 from facilities fac join regions town on town.id = fac.township_id
                         where fac.id = act.facility_id and left(town.code, 4) = '5425')
              or exists (select 1 from care_projects proj join regions reg on reg.id = proj.region_id
                         where proj.id = act.care_project_id and left(reg.code, 4) = '5425'))
          group by 1, 2`,
    );
    const key = (r: { month: number; kind: string }) => `${r.month}:${r.kind}`;
    expect(new Set(expected.map((r) => r.month)).size).toBe(12);
    expect(
      Object.fromEntries(review.activities.byMonth.map((r) => [key(r), [r.activities, r.personTimes]])),
    ).toEqual(Object.fromEntries(expected.map((r) => [key(r), [r.activities, r.personTimes]])));
    const total = expected.reduce(
      (s, r) => ({ activities: s.activities + r.activities, personTimes: s.personTimes + r.personTimes }),
      { activities: 0, personTimes: 0 },
    );
    expect(review.activities.totals).toEqual(total);
  });

  it("counts people in care by category and county as the register stood at the end of 2023, as an independent query does", async () => {
    // The latest history row of each attribute on or before the year's end, per person (lateral, not distinct on).
    const asOf = (attribute: string, column: string) =>
      sql.raw(`(select h.${column} from person_history h where h.person_id = p.id and h.attribute = '${attribute}'
        and h.effective_on <= '2023-12-31' order by h.effective_on desc, h.id desc limit 1)`);
    const register = sql`from people p
      join lateral (select ${asOf("categories", "categories")} as categories, ${asOf("status", "status")} as status,
        ${asOf("village", "village_id")} as village_id) s on true
      join regions vil on vil.id = s.village_id`;
    const active = sql`vil.code like '5425%' and s.status = 'active'`;
    const expected = await queryRows<{ county: string; category: string; n: number }>(
      db,
      sql`select left(vil.code, 6) as county, c.category, count(*)::int as n
          ${register} cross join lateral unnest(s.categories) as c(category) where ${active} group by 1, 2`,
    );
    const key = (county: string, category: string) => `${county.slice(0, 6)}:${category}`;
    expect(
      Object.fromEntries(review.peopleInCare.rows.map((r) => [key(r.countyCode, r.category), r.people])),
    ).toEqual(Object.fromEntries(expected.map((r) => [key(r.county, r.category), r.n])));
    const total = await one<{ n: number }>(sql`select count(*)::int as n ${register} where ${active}`);
    expect(review.peopleInCare.total).toBe(total.n);
    // Files that left the register since (the demo's exits are all after 2023) still count for 2023.
    const exitedSince = await one<{ n: number }>(
      sql`select count(*)::int as n from people p join regions vil on vil.id = p.village_id
          where vil.code like '5425%' and p.status <> 'active' and p.status_on > '2023-12-31'`,
    );
    expect(exitedSince.n).toBeGreaterThan(0);
    const activeToday = await one<{ n: number }>(
      sql`select count(*)::int as n from people p join regions vil on vil.id = p.village_id
          where vil.code like '5425%' and p.status = 'active'`,
    );
    expect(review.peopleInCare.total).toBe(activeToday.n + exitedSince.n);
  });

  it("counts visits done in 2023 where the person was seen and those on time (a Shanghai date on or before the due date)", async () => {
    const expected = await one<{ done: number; onTime: number }>(
      sql`select count(*)::int as done,
            sum(case when to_char(v.completed_at + interval '8 hours', 'YYYY-MM-DD') <= to_char(v.due_on, 'YYYY-MM-DD') then 1 else 0 end)::int as "onTime"
          from visits v, facilities st, regions town
          where v.station_id = st.id and st.township_id = town.id and town.code like '5425%'
            and v.status = 'completed' and v.outcome in ('visited', 'needs_follow_up')
            and to_char(v.completed_at + interval '8 hours', 'YYYY') = '2023'`,
    );
    expect({ done: review.visits.done, onTime: review.visits.onTime }).toEqual({
      done: expected.done,
      onTime: expected.onTime ?? 0,
    });
  });

  it("sums funds allocated and spent by source as an independent query does", async () => {
    // The budget dashboard's definition (one for both pages): what 2023 sources allocated to contracts in Ngari up to
    // the end of 2023, and each such contract's spending up to then (reversals netted out) times the source's part of
    // the contract's allocations, in whole fen per contract and source.
    const expected = await queryRows<{ name: string; total: number; allocated: number; spent: number }>(
      db,
      sql`with here as (select c.id from contracts c
                        left join facilities f on f.id = c.facility_id left join regions t on t.id = f.township_id
                        left join care_projects p on p.id = c.care_project_id left join regions pr on pr.id = p.region_id
                        where coalesce(t.code, pr.code) like '5425%'),
            alloc as (select a.contract_id, a.funding_source_id, sum(a.amount_fen) as fen from allocations a
                      where a.allocated_on <= '2023-12-31' and a.contract_id in (select id from here) group by 1, 2),
            everyone as (select contract_id, sum(fen) as fen from alloc group by 1),
            spent as (select e.contract_id, sum(e.amount_fen) as fen from expenditures e
                      where e.spent_on <= '2023-12-31' group by 1)
          select s.name, s.total_fen::float8 as total, coalesce(sum(al.fen), 0)::float8 as allocated,
            coalesce(sum(round(coalesce(sp.fen, 0)::numeric * al.fen / ev.fen)), 0)::float8 as spent
          from funding_sources s
          left join alloc al on al.funding_source_id = s.id
          left join everyone ev on ev.contract_id = al.contract_id
          left join spent sp on sp.contract_id = al.contract_id
          where s.year = 2023 and (s.region_id in (select id from regions where code like '5425%')
                                   or s.id in (select funding_source_id from alloc))
          group by s.id, s.name, s.total_fen`,
    );
    expect(expected.some((r) => r.spent > 0)).toBe(true);
    expect(
      review.funds.rows
        .filter((r) => r.id !== null)
        .map((r) => [r.name, r.totalFen, r.allocatedFen, r.spentFen])
        .sort(),
    ).toEqual(expected.map((r) => [r.name, r.total, r.allocated, r.spent]).sort());
  });

  it("counts stations by their status at the end of 2023: 7 operating and 5 under construction", async () => {
    const expected = await queryRows<{ status: string; n: number }>(
      db,
      sql`select h.to_status as status, count(*)::int as n from facilities f
          join regions t on t.id = f.township_id
          join facility_status_history h on h.facility_id = f.id
          where f.kind = 'social_work_station' and t.code like '5425%' and h.effective_on <= '2023-12-31'
            and not exists (select 1 from facility_status_history h2 where h2.facility_id = f.id
                            and h2.effective_on <= '2023-12-31' and h2.effective_on > h.effective_on)
          group by 1`,
    );
    const stations = review.network.rows.filter((r) => r.kind === "social_work_station");
    expect(Object.fromEntries(stations.map((r) => [r.status, r.facilities]))).toEqual(
      Object.fromEntries(expected.map((r) => [r.status, r.n])),
    );
    expect(review.network.stations.operating).toBe(7);
    expect(review.network.stations.underConstruction).toBe(5);
  });

  it("counts every kind of facility (not only stations) by its status at the end of 2023 as an independent query does", async () => {
    const expected = await queryRows<{ kind: string; status: string; n: number }>(
      db,
      sql`select latest.kind, latest.status, count(*)::int as n from (
            select distinct on (fac.id) fac.kind, h.to_status as status
            from facilities fac join regions town on town.id = fac.township_id
            join facility_status_history h on h.facility_id = fac.id
            where left(town.code, 4) = '5425' and h.effective_on <= date '2023-12-31'
            order by fac.id, h.effective_on desc, h.id desc) latest
          group by 1, 2`,
    );
    expect(expected.filter((r) => r.kind !== "social_work_station").length).toBeGreaterThan(2);
    const key = (kind: string, status: string) => `${kind}:${status}`;
    expect(Object.fromEntries(review.network.rows.map((r) => [key(r.kind, r.status), r.facilities]))).toEqual(
      Object.fromEntries(expected.map((r) => [key(r.kind, r.status), r.n])),
    );
  });

  it("counts organizations under contract in 2023 as an independent query does", async () => {
    const expected = await one<{ n: number }>(
      sql`select count(*)::int as n from organizations o where exists (
            select 1 from contracts c where c.organization_id = o.id and c.status <> 'draft'
              and c.starts_on <= '2023-12-31' and c.ends_on >= '2023-01-01'
              and (exists (select 1 from facilities f join regions t on t.id = f.township_id where f.id = c.facility_id and t.code like '5425%')
                or exists (select 1 from care_projects p join regions r on r.id = p.region_id where p.id = c.care_project_id and r.code like '5425%')))`,
    );
    expect(review.organizations.underContract).toBe(expected.n);
  });
});

describe("the current year in review", () => {
  it("counts this year's visits where the person was seen and those on time as an independent query does", async () => {
    const year = Number(todayInShanghai().slice(0, 4));
    const region = (await reportRegion(planner, "542500000000"))!;
    const current = await yearInReview({ user: planner, region, period: periodOf(year) });
    const expected = await one<{ done: number; onTime: number }>(
      sql`select count(*)::int as done,
            sum(case when to_char(v.completed_at + interval '8 hours', 'YYYY-MM-DD') <= to_char(v.due_on, 'YYYY-MM-DD') then 1 else 0 end)::int as "onTime"
          from visits v, facilities st, regions town
          where v.station_id = st.id and st.township_id = town.id and town.code like '5425%'
            and v.status = 'completed' and v.outcome in ('visited', 'needs_follow_up')
            and to_char(v.completed_at + interval '8 hours', 'YYYY') = ${String(year)}`,
    );
    expect(expected.done).toBeGreaterThan(0);
    expect({ done: current.visits.done, onTime: current.visits.onTime }).toEqual(expected);
    expect(current.visits.rate).toBeCloseTo(expected.onTime / expected.done, 10);
  });
});
