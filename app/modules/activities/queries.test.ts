// The activity feed against plain SQL of the same rules: a region's planner sees the activities of the stations in
// its townships and of the care projects in its regions, nothing else, in date order, page after page; the header
// totals count the same rows. (The scope is written as `= any(array(…))` for speed; this pins what it means.)
import { and, asc, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, careProjects, facilities, organizations } from "#db/schema";
import { careProjectsInScope, facilitiesInScope, organizationsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { db, queryRows } from "~/utils/db.server";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { parseActivityFilters } from "./filters";
import { progressOfActiveContracts } from "./progress.server";
import { feedFilterOptions, listActivities } from "./queries.server";

useTestDatabase({ template: "demo" });

const plannerOf: Record<string, string> = {
  "5425": "planner.ngari@demo.local",
  "540402": "planner.bayi@demo.local",
};
const planner = (prefix: string) => sessionUserFor(plannerOf[prefix]);

/** The rule in plain SQL: the activity's station township, or its project's region, lies under the prefix. */
async function expectedIds(prefix: string, extra = sql`true`) {
  const rows = await queryRows<{ id: number; person_times: number }>(
    db,
    sql`select a.id, a.person_times from activities a
        left join facilities f on f.id = a.facility_id left join regions t on t.id = f.township_id
        left join care_projects p on p.id = a.care_project_id left join regions r on r.id = p.region_id
        where a.deleted_at is null and (t.code like ${`${prefix}%`} or r.code like ${`${prefix}%`}) and ${extra}
        order by a.occurred_on desc, a.id desc`,
  );
  return rows;
}

let ngariCounty: string;

beforeAll(async () => {
  const [row] = await queryRows<{ code: string }>(
    db,
    sql`select substr(t.code, 1, 6) as code from activities a join facilities f on f.id = a.facility_id
        join regions t on t.id = f.township_id where t.code like '5425%' group by 1 order by count(*) desc limit 1`,
  );
  ngariCounty = row.code;
});

describe("the activity feed of a region's planner", () => {
  it("lists exactly the region's activities, newest first, page after page, with totals over all of them", async () => {
    for (const prefix of ["5425", "540402"]) {
      const expected = await expectedIds(prefix);
      expect(expected.length).toBeGreaterThan(50);
      const filters = parseActivityFilters(new URLSearchParams());
      const first = await listActivities({ user: await planner(prefix), filters, page: 1, pageSize: 25 });
      const second = await listActivities({ user: await planner(prefix), filters, page: 2, pageSize: 25 });
      expect(first.rows.map((r) => r.id)).toEqual(expected.slice(0, 25).map((r) => r.id));
      expect(second.rows.map((r) => r.id)).toEqual(expected.slice(25, 50).map((r) => r.id));
      expect(first.total).toBe(expected.length);
      expect(first.personTimes).toBe(expected.reduce((s, r) => s + r.person_times, 0));
      expect(first.rows[0].contractCode).toBeTruthy();
      expect(first.rows[0].subjectName).toBeTruthy();
    }
  });

  it("narrows to a county with the region filter, and a region outside the scope yields nothing", async () => {
    const user = await planner("5425");
    const county = await listActivities({
      user,
      filters: parseActivityFilters(new URLSearchParams({ region: ngariCounty.padEnd(12, "0") })),
      pageSize: 500,
    });
    const expected = await expectedIds(ngariCounty);
    expect(county.total).toBe(expected.length);
    expect(county.rows.map((r) => r.id)).toEqual(expected.slice(0, 500).map((r) => r.id));
    const bayi = await listActivities({
      user,
      filters: parseActivityFilters(new URLSearchParams({ region: "540402000000" })),
    });
    expect(bayi.total).toBe(0);
    expect(bayi.rows).toEqual([]);
  });

  it("shows the progress of active contracts in the region only", async () => {
    const progress = await progressOfActiveContracts({ user: await planner("540402") });
    expect(progress.length).toBeGreaterThan(0);
    const ids = progress.map((p) => p.id);
    const outside = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from contracts c
          left join facilities f on f.id = c.facility_id left join regions t on t.id = f.township_id
          left join care_projects p on p.id = c.care_project_id left join regions r on r.id = p.region_id
          where c.id in ${sql.raw(`(${ids.join(",")})`)}
            and not (coalesce(t.code, '') like '540402%' or coalesce(r.code, '') like '540402%')`,
    );
    expect(outside[0].n).toBe(0);
  });
});

/** The filter options as three statements, the way the feed asked for them before they became one. */
async function optionsOneByOne(user: SessionUser) {
  const has = (column: AnyPgColumn, owner: AnyPgColumn) =>
    sql`exists (select 1 from ${activities} where ${column} = ${owner})`;
  return {
    organizations: await db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(organizationsInScope(user), has(activities.organizationId, organizations.id)))
      .orderBy(asc(organizations.name)),
    facilities: await db
      .select({ id: facilities.id, name: facilities.name, kind: facilities.kind })
      .from(facilities)
      .where(and(facilitiesInScope(user), has(activities.facilityId, facilities.id)))
      .orderBy(asc(facilities.kind), asc(facilities.name)),
    projects: await db
      .select({ id: careProjects.id, name: careProjects.name })
      .from(careProjects)
      .where(and(careProjectsInScope(user), has(activities.careProjectId, careProjects.id)))
      .orderBy(asc(careProjects.name)),
  };
}

describe("the feed's filter options", () => {
  it("are the organizations, facilities (by kind, then name) and projects with activities in each scope", async () => {
    const emails = ["admin@demo.local", plannerOf["5425"], plannerOf["540402"], "org.gar@demo.local"];
    let facilityKinds = 0;
    for (const email of emails) {
      const user = await sessionUserFor(email);
      const options = await feedFilterOptions(user);
      expect(options).toEqual(await optionsOneByOne(user));
      expect(options.facilities.length + options.projects.length).toBeGreaterThan(0);
      facilityKinds = Math.max(facilityKinds, new Set(options.facilities.map((f) => f.kind)).size);
    }
    // The order by kind is tested only where there are several kinds.
    expect(facilityKinds).toBeGreaterThan(1);
  });
});
