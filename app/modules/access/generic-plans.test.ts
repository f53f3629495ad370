// Which reads keep a generic plan (genericPlanDb, readerFor): each is planned both ways on a clone of the demo —
// PREPARE, then EXPLAIN EXECUTE under force_custom_plan and under force_generic_plan — and must get the same plan, so
// that planning it once per connection changes nothing but the planning. Plans, not times. A prefix `like` (a region's
// scope) is the counter-example: its generic plan scans every region.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/types";
import {
  listPeople,
  pastDeadlineAmong,
  personActivities,
  personFileRow,
  personVisitHistory,
  registerConditions,
  registerPage,
} from "~/modules/people/queries.server";
import { sessionUserFor } from "~/modules/people/testing.server";
import { colleaguesAt, openVisitsStatements, visitFilterFrom } from "~/modules/visits/queries.server";
import { databaseHandle, db, genericPlanDb, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { readerFor } from "./scope.server";

useTestDatabase({ template: "demo" });

const now = new Date("2026-03-05T07:51:00Z");

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Subplan Name"?: string;
  Plans?: PlanNode[];
};

/**
 * How the plan finds rows: each table's scan (node, table, index), sorted. The joins' order and the nodes that only
 * evaluate expressions are left out: a generic plan keeps a `Result` to test its parameters once, and orders the
 * primary-key lookups after the first scan as its estimates fall; neither changes which rows are read, nor how.
 */
function shape(node: PlanNode): string {
  const scans = (n: PlanNode): string[] => [
    ...(n["Relation Name"]
      ? [`${n["Node Type"]} ${n["Relation Name"]}${n["Index Name"] ? ` using ${n["Index Name"]}` : ""}`]
      : []),
    ...(n.Plans ?? []).flatMap(scans),
  ];
  return scans(node).sort().join("\n");
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  const text = Array.isArray(value)
    ? `{${value.join(",")}}`
    : value instanceof Date
      ? value.toISOString()
      : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** The statement's plan under each plan_cache_mode, on one connection of the test's database. */
async function plansOf(query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  const connection = await databaseHandle().sql!.reserve();
  try {
    const plans: Record<string, string> = {};
    for (const mode of ["force_custom_plan", "force_generic_plan"]) {
      await connection.unsafe(`set plan_cache_mode = ${mode}`);
      await connection.unsafe(`prepare plan_probe as ${text}`);
      const args = params.length ? `(${params.map(literal).join(", ")})` : "";
      const [row] = await connection.unsafe(`explain (format json) execute plan_probe${args}`);
      plans[mode] = shape((row["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan);
      await connection.unsafe("deallocate plan_probe");
    }
    await connection.unsafe("reset plan_cache_mode");
    return { custom: plans.force_custom_plan, generic: plans.force_generic_plan };
  } finally {
    connection.release();
  }
}

describe("statements that keep a generic plan", () => {
  // A station's staff, a region's planner, and the station's first file.
  const [station, region] = [{} as SessionUser, {} as SessionUser];
  let personId = 0;
  beforeAll(async () => {
    Object.assign(station, await sessionUserFor("station.baiba@demo.local"));
    Object.assign(region, await sessionUserFor("planner.bayi@demo.local"));
    const [first] = await queryRows<{ id: number }>(
      db,
      sql`select id from people where station_id = ${(station.scope as { facilityId: number }).facilityId} order by id limit 1`,
    );
    personId = first.id;
  });

  it("go through the generic-plan connections for a station, the custom-plan ones for a region", () => {
    expect(readerFor(station)).toBe(genericPlanDb);
    expect(readerFor(region)).toBe(db);
  });

  it("the visit list's page, total and counts: a station's plans are the same either way", async () => {
    for (const who of ["", "all"])
      for (const due of ["", "overdue", "soon"]) {
        const filter = visitFilterFrom(
          new URLSearchParams({ ...(due ? { due } : {}), ...(who ? { who } : {}) }),
          station,
        );
        const statements = openVisitsStatements({ user: station, filter, now });
        for (const [name, statement] of Object.entries({
          page: statements.page,
          total: statements.total,
          counts: statements.counts,
        })) {
          const { custom, generic } = await plansOf(statement);
          const label = `${who || "mine"} ${due || "any due"} ${name}`;
          expect(`${label}:\n${generic}`).toBe(`${label}:\n${custom}`);
        }
      }
  });

  it("this week's visits stay custom: planned for its dates, the page reads the open visits by due date", async () => {
    const filter = visitFilterFrom(new URLSearchParams({ due: "week" }), station);
    const { page } = openVisitsStatements({ user: station, filter, now });
    const { custom, generic } = await plansOf(page);
    expect(custom).toContain("visits_open_due_idx");
    expect(generic).not.toBe(custom);
  });

  it("a station's register: its page and the late badges, the same plans either way", async () => {
    const where = registerConditions(station, { status: "active" }, now);
    const page = await plansOf(registerPage({ where }));
    expect(page.generic).toBe(page.custom);
    expect(page.generic).toMatch(/Index Scan people using people_station_/);
    const late = await plansOf(pastDeadlineAmong({ personIds: [personId, personId + 1], now }));
    expect(late.generic).toBe(late.custom);
  });

  it("the person page's row, visits, activities and colleagues: found by key, the same plans either way", async () => {
    const stationId = (station.scope as { facilityId: number }).facilityId;
    for (const statement of [
      personFileRow({ user: station, id: personId }),
      personVisitHistory({ personId }),
      personActivities({ personId }),
      colleaguesAt(stationId),
    ]) {
      const { custom, generic } = await plansOf(statement);
      expect(generic).toBe(custom);
    }
  });

  it("a region's register stays custom: its prefix like on a generic plan would scan every region", async () => {
    const where = registerConditions(region, { status: "active" }, now);
    const { custom, generic } = await plansOf(registerPage({ where }));
    expect(custom).toContain("regions_code_prefix_idx");
    expect(generic).not.toBe(custom);
  });

  it("a station's pages read the same rows through either connection", async () => {
    const filters = { status: "active" as const };
    const listed = await listPeople({ user: station, filters, now });
    expect(listed.rows.length).toBeGreaterThan(0);
    const [viaCustom, viaGeneric] = await Promise.all([
      registerPage({ where: registerConditions(station, filters, now), db }),
      registerPage({ where: registerConditions(station, filters, now), db: genericPlanDb }),
    ]);
    expect(viaGeneric).toEqual(viaCustom);
    expect(listed.rows.map((r) => r.id)).toEqual(viaCustom.map((r) => r.id));
  });
});
