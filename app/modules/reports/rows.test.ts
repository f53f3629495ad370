// Every linked figure of the year in review and of the monthly contract report, opened through the same links the
// pages build: the rows page (or the activity list) shows exactly as many rows, or the same sum, as the figure.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/types";
import { parseActivityFilters } from "~/modules/activities/filters";
import { listActivities } from "~/modules/activities/queries.server";
import { db, queryRows } from "~/utils/db.server";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { contractMonthReport } from "./contract-month.server";
import { periodOf, reportRegion, reportsOnRegions } from "./region.server";
import { rowsForQuery, rowsQueryOf } from "./rows.server";
import { contractReportLinks, reviewLinks } from "./rows-link";
import { type YearInReview, yearInReview } from "./year-in-review.server";

useTestDatabase({ template: "demo" });

const search = (href: string) => new URL(href, "http://report.invalid").searchParams;
/** The rows at a link as its route finds them; null where the route answers 404. */
async function rowsOrNull(user: SessionUser, href: string) {
  const params = search(href);
  const query = rowsQueryOf(params);
  if ("problem" in query) throw new Error(query.problem);
  return rowsForQuery(user, query, params);
}
async function rowsAt(user: SessionUser, href: string) {
  const rows = await rowsOrNull(user, href);
  if (!rows) throw new Error(`no rows at ${href}`);
  return rows;
}
const sum = (rows: Record<string, unknown>[], key: string) =>
  rows.reduce((s, r) => s + Number(r[key] ?? 0), 0);
async function activitiesAt(user: SessionUser, href: string) {
  const { total, personTimes } = await listActivities({ user, filters: parseActivityFilters(search(href)) });
  return { activities: total, personTimes };
}

let planner: SessionUser;

beforeAll(async () => {
  planner = await sessionUserFor("planner.ngari@demo.local");
  // A contract funded by two sources in odd shares, so each source's spending is a rounded fraction of it.
  await db.execute(sql`insert into allocations (funding_source_id, contract_id, amount_fen, allocated_on)
    select 2, id, 3333333, date '2023-06-01' from contracts where code = 'ALI-2023-SW-01'`);
});

describe("the rows behind the Ngari 2023 year in review", () => {
  let review: YearInReview;
  let links: ReturnType<typeof reviewLinks>;
  beforeAll(async () => {
    const region = (await reportRegion(planner, "542500000000"))!;
    review = await yearInReview({ user: planner, region, period: periodOf(2023) });
    links = reviewLinks(region.code, review.period);
  });

  it("leads each activity figure to an activity list of the same count and person-times", async () => {
    const act = review.activities;
    expect(await activitiesAt(planner, links.activities())).toEqual(act.totals);
    for (const r of act.byKind)
      expect(await activitiesAt(planner, links.activities({ facilityKind: r.kind }))).toEqual({
        activities: r.activities,
        personTimes: r.personTimes,
      });
    for (const r of act.byProject)
      expect(await activitiesAt(planner, links.activities({ project: r.id }))).toEqual({
        activities: r.activities,
        personTimes: r.personTimes,
      });
    for (const r of act.byFacility.slice(0, 5))
      expect(await activitiesAt(planner, links.activities({ facility: r.id }))).toEqual({
        activities: r.activities,
        personTimes: r.personTimes,
      });
    const children = await activitiesAt(planner, links.activities({ projectKind: "children" }));
    expect(children.activities).toBe(review.headline.childrenActivities);
  });

  it("leads the facilities column of the by-kind table to exactly the facilities that served, with their activities", async () => {
    expect(review.activities.byKind.length).toBeGreaterThan(2);
    for (const r of review.activities.byKind) {
      const rows = await rowsAt(planner, links.rows("facilityActivities", { kind: r.kind }));
      expect(rows.total).toBe(r.facilities);
      expect(sum(rows.rows, "activities")).toBe(r.activities);
      expect(sum(rows.rows, "personTimes")).toBe(r.personTimes);
    }
  });

  it("leads every people cell to as many people", async () => {
    const people = review.peopleInCare;
    expect((await rowsAt(planner, links.rows("people"))).total).toBe(people.total);
    for (const c of people.byCategory)
      expect((await rowsAt(planner, links.rows("people", { category: c.category }))).total).toBe(c.people);
    for (const county of people.byCounty) {
      const code = county.countyCode.slice(0, 6);
      expect((await rowsAt(planner, links.rows("people", { county: code }))).total).toBe(county.people);
      for (const r of people.rows.filter((r) => r.countyCode === county.countyCode))
        expect(
          (await rowsAt(planner, links.rows("people", { county: code, category: r.category }))).total,
        ).toBe(r.people);
    }
  });

  it("leads the visit counts and on-time rates to as many visits, of which as many on time", async () => {
    // Visits run to thousands: the rows page shows the first 1,000 and counts them all.
    const visits = review.visits;
    expect((await rowsAt(planner, links.rows("visits"))).total).toBe(visits.done);
    expect((await rowsAt(planner, links.rows("visits", { onTime: 1 }))).total).toBe(visits.onTime);
    for (const r of visits.byCounty) {
      const county = r.countyCode.slice(0, 6);
      expect((await rowsAt(planner, links.rows("visits", { county }))).total).toBe(r.done);
      expect((await rowsAt(planner, links.rows("visits", { county, onTime: 1 }))).total).toBe(r.onTime);
    }
  });

  it("leads each source's total, allocated and spent money to rows of the same sum, and the totals row too", async () => {
    const funds = review.funds;
    expect(funds.rows.length).toBeGreaterThan(1);
    for (const f of funds.rows) {
      const source = await rowsAt(planner, links.rows("fundingSources", { source: f.id }));
      expect([source.total, sum(source.rows, "amount")]).toEqual([1, f.totalFen]);
      expect(sum((await rowsAt(planner, links.rows("allocations", { source: f.id }))).rows, "amount")).toBe(
        f.allocatedFen,
      );
      expect(sum((await rowsAt(planner, links.rows("spending", { source: f.id }))).rows, "attributed")).toBe(
        f.spentFen,
      );
    }
    expect(sum((await rowsAt(planner, links.rows("fundingSources"))).rows, "amount")).toBe(funds.totalFen);
    expect(sum((await rowsAt(planner, links.rows("allocations", { sources: "year" }))).rows, "amount")).toBe(
      funds.allocatedFen,
    );
    const spending = await rowsAt(planner, links.rows("spending"));
    expect(sum(spending.rows, "attributed")).toBe(funds.spentFen);
    // The two-source contract appears once per source, its spending split between them.
    const shared = spending.rows.filter((r) => r.contract === "ALI-2023-SW-01");
    expect(shared.length).toBe(2);
    expect(sum(shared, "attributed")).toBe(shared[0].spent);
  });

  it("leads the headline funds to the allocations behind them", async () => {
    const stations = await rowsAt(planner, links.rows("allocations", { purpose: "stations" }));
    expect(sum(stations.rows, "amount")).toBe(review.headline.stationFunds.fen);
    expect(new Set(stations.rows.map((r) => r.subject)).size).toBe(review.headline.stationFunds.stations);
    const children = await rowsAt(planner, links.rows("allocations", { purpose: "children" }));
    expect(sum(children.rows, "amount")).toBe(review.headline.childrenFunds.fen);
    expect(new Set(children.rows.map((r) => r.subject)).size).toBe(review.headline.childrenFunds.projects);
  });

  it("leads every cell of the network table to as many facilities", async () => {
    for (const r of review.network.rows)
      expect(
        (await rowsAt(planner, links.rows("facilities", { kind: r.kind, status: r.status }))).total,
      ).toBe(r.facilities);
    expect((await rowsAt(planner, links.rows("facilities", { kind: "social_work_station" }))).total).toBe(
      review.network.stations.all,
    );
  });

  it("leads the organization figures to as many organizations", async () => {
    const orgs = review.organizations;
    expect((await rowsAt(planner, links.rows("organizations"))).total).toBe(orgs.organizations);
    expect((await rowsAt(planner, links.rows("organizations", { party: 1 }))).total).toBe(orgs.withBranch);
    expect((await rowsAt(planner, links.rows("organizations", { registered: "year" }))).total).toBe(
      orgs.registeredInYear,
    );
    expect((await rowsAt(planner, links.rows("organizations", { contracted: 1 }))).total).toBe(
      orgs.underContract,
    );
  });
});

describe("the rows behind a monthly contract report", () => {
  /** Contracts with people linked to their activities, of the Gar organization (whose staff also read them). */
  let contracts: { id: number; month: string }[];
  let orgStaff: SessionUser;
  beforeAll(async () => {
    orgStaff = await sessionUserFor("org.gar@demo.local");
    contracts = await queryRows<{ id: number; month: string }>(
      db,
      sql`select c.id, to_char(max(a.occurred_on), 'YYYY-MM') as month
          from contracts c join activities a on a.contract_id = c.id join activity_people ap on ap.activity_id = a.id
          join organizations o on o.id = c.organization_id join users u on u.organization_id = o.id
          where u.email = 'org.gar@demo.local' and a.kind = 'home_visit' group by c.id order by c.id`,
    );
    expect(contracts.length).toBeGreaterThan(1);
    // A deleted activity with people must drop out of the figures and the rows alike.
    await db.execute(sql`update activities set deleted_at = now() where id = (
      select min(a.id) from activities a join activity_people ap on ap.activity_id = a.id
      where a.contract_id = ${contracts[0].id} and a.kind = 'home_visit')`);
  });

  for (const reader of ["planner", "organization staff"] as const)
    it(`gives ${reader} as many rows, or the same sum, as each figure of the report says`, async () => {
      const user = reader === "planner" ? planner : orgStaff;
      for (const { id, month } of contracts) {
        const report = await contractMonthReport({ contractId: id, month });
        const links = contractReportLinks(id, report.range, report.asOf);
        const p = report.progress!;
        // This month.
        expect(await activitiesAt(user, links.activities("month"))).toEqual({
          activities: report.month_.activities,
          personTimes: report.month_.personTimes,
        });
        for (const k of report.byKind)
          expect(await activitiesAt(user, links.activities("month", { kind: k.kind }))).toEqual({
            activities: k.activities,
            personTimes: k.personTimes,
          });
        expect((await rowsAt(user, links.rows("contractPeople", "month"))).total).toBe(report.month_.people);
        expect(sum((await rowsAt(user, links.rows("expenditures", "month"))).rows, "amount")).toBe(
          report.spentFen,
        );
        for (const c of report.spending) {
          const rows = await rowsAt(user, links.rows("expenditures", "month", { category: c.category }));
          expect([rows.total, sum(rows.rows, "amount")]).toEqual([c.items, c.fen]);
        }
        // So far: the deliverables.
        expect(await activitiesAt(user, links.activities("soFar"))).toEqual({
          activities: p.activities.done,
          personTimes: p.personTimes.done,
        });
        expect((await rowsAt(user, links.rows("contractPeople", "soFar"))).total).toBe(p.peopleServed);
        expect((await rowsAt(user, links.rows("contractHomeVisits", "soFar"))).total).toBe(p.homeVisits.done);
        expect(sum((await rowsAt(user, links.rows("contractAllocations", "soFar"))).rows, "amount")).toBe(
          p.money.allocatedFen,
        );
        expect(sum((await rowsAt(user, links.rows("expenditures", "soFar"))).rows, "amount")).toBe(
          p.money.spentFen,
        );
        expect(p.peopleServed).toBeGreaterThan(0);
        expect(p.homeVisits.done).toBeGreaterThan(0);
      }
    });

  it("shows organization staff the people served with masked ID numbers, and children's files only by a masked name without village or ID number", async () => {
    const { id, month } = contracts[contracts.length - 1];
    const report = await contractMonthReport({ contractId: id, month });
    const href = contractReportLinks(id, report.range, report.asOf).rows("contractPeople", "soFar");
    const asPlanner = await rowsAt(planner, href);
    const asOrg = await rowsAt(orgStaff, href);
    expect(asOrg.total).toBe(asPlanner.total);
    const files = await queryRows<{ name: string; idNumber: string; child: boolean }>(
      db,
      sql`select distinct p.full_name as name, p.id_number_masked as "idNumber",
            (p.categories && array['orphan','unsupported_child','left_behind_child','distressed_child']::text[]
              or p.birth_date > current_date - interval '18 years') as child
          from people p join activity_people ap on ap.person_id = p.id join activities a on a.id = ap.activity_id
          where a.contract_id = ${id} and a.deleted_at is null and a.occurred_on <= ${report.asOf}`,
    );
    const children = files.filter((f) => f.child);
    expect(children.length).toBeGreaterThan(0);
    const hidden = asOrg.rows.filter((r) => r.categories === null);
    expect(hidden.length).toBe(children.length);
    for (const row of asOrg.rows.filter((r) => r.categories !== null)) {
      expect(String(row.idNumber)).toMatch(/\*/);
      expect(files.some((f) => f.idNumber === row.idNumber)).toBe(true);
    }
    for (const row of hidden) {
      expect(String(row.name)).toMatch(/^.\*+.?$/u);
      expect(row).toMatchObject({ village: null, idNumber: null });
    }
    const childIds = new Set(children.map((c) => c.idNumber));
    for (const row of asOrg.rows) expect(childIds.has(String(row.idNumber))).toBe(false);
    const shownNames = new Set(asOrg.rows.map((r) => r.name));
    for (const child of children) expect(shownNames.has(child.name)).toBe(false);
    // The planner, who may open children's files, sees their names and categories.
    const plannerNames = new Set(asPlanner.rows.map((r) => r.name));
    for (const child of children) expect(plannerNames.has(child.name)).toBe(true);
    expect(asPlanner.rows.every((r) => r.categories !== null)).toBe(true);
  });

  it("finds no rows of another organization's contract, nor of a contract outside a county planner's county", async () => {
    const [other] = await queryRows<{ id: number; county: string }>(
      db,
      sql`select c.id, left(t.code, 6) as county from contracts c join facilities f on f.id = c.facility_id
          join regions t on t.id = f.township_id
          where c.organization_id <> ${orgStaff.scope.kind === "organization" ? orgStaff.scope.organizationId : 0}
            and left(t.code, 6) <> '542523' and left(t.code, 4) = '5425' order by c.id limit 1`,
    );
    const countyPlanner = await sessionUserFor("planner.gar@demo.local");
    for (const user of [orgStaff, countyPlanner])
      for (const figure of [
        "expenditures",
        "contractAllocations",
        "contractPeople",
        "contractHomeVisits",
      ] as const)
        expect(await rowsOrNull(user, `/reports/rows?figure=${figure}&contract=${other.id}`)).toBeNull();
    // Organization staff get no region's rows at all (the route answers 403).
    expect(reportsOnRegions(orgStaff)).toBe(false);
    expect(await rowsOrNull(orgStaff, "/reports/rows?figure=people&region=542500000000")).toBeNull();
  });
});
