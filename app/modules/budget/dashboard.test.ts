import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/types";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { sessionUserFor } from "../../../test/factories/contract-users";
import { useTestDatabase } from "../../../test/setup/database";
import { budgetFigures } from "./dashboard.server";

useTestDatabase({ template: "demo" });

describe("budget dashboard on the demo data", () => {
  let ngari: SessionUser;
  beforeAll(async () => {
    ngari = await sessionUserFor("planner.ngari@demo.local");
  });

  it("shows the 2.8 M yuan Ngari station pool of 2023 split 7 × 280,000 + 5 × 168,000", async () => {
    const figures = await budgetFigures({ user: ngari, year: 2023 });
    const lottery = figures.sources.find((s) => s.name.includes("福彩公益金"))!;
    const shaanxi = figures.sources.find((s) => s.kind === "paired_aid")!;
    expect(lottery.allocatedFen).toBe(1_960_000_00);
    expect(lottery.contracts).toBe(7);
    expect(shaanxi.allocatedFen).toBe(840_000_00);
    expect(shaanxi.contracts).toBe(5);
    expect(shaanxi.donorProvince).toBe("陕西省");
    expect(lottery.allocatedFen + shaanxi.allocatedFen).toBe(2_800_000_00);
    const children = figures.sources.find((s) => s.name.includes("儿童"))!;
    expect(children.allocatedFen).toBe(1_123_200_00);
  });

  it("matches independent SQL sums, per funding source and per county, for 2023 and the current year", async () => {
    for (const year of [2023, Number(todayInShanghai().slice(0, 4))]) {
      const figures = await budgetFigures({ user: ngari, year });
      const bySource = await queryRows<{ id: number; allocated: number; spent: number }>(
        db,
        sql`select s.id,
              (select coalesce(sum(a.amount_fen), 0)::float8 from allocations a where a.funding_source_id = s.id) as allocated,
              (select coalesce(sum(e.amount_fen), 0)::float8 from expenditures e
                 where e.contract_id in (select a.contract_id from allocations a where a.funding_source_id = s.id)) as spent
            from funding_sources s join regions r on r.id = s.region_id
            where s.year = ${year} and r.code like '5425%'`,
      );
      for (const row of bySource) {
        const shown = figures.sources.find((s) => s.id === row.id)!;
        expect(shown.allocatedFen, `source ${row.id} allocated`).toBe(row.allocated);
        expect(shown.spentFen, `source ${row.id} spent`).toBe(row.spent);
      }
      const byCounty = await queryRows<{ county: string; allocated: number; spent: number }>(
        db,
        sql`with c as (
              select distinct a.contract_id as id from allocations a join funding_sources s on s.id = a.funding_source_id
              where s.year = ${year}
            ), placed as (
              select c.id, rpad(substr(coalesce(t.code, pr.code), 1, 6), 12, '0') as county
              from c join contracts k on k.id = c.id
              left join facilities f on f.id = k.facility_id left join regions t on t.id = f.township_id
              left join care_projects p on p.id = k.care_project_id left join regions pr on pr.id = p.region_id
              where coalesce(t.code, pr.code) like '5425%'
            )
            select county,
              (select sum(a.amount_fen)::float8 from allocations a join funding_sources s on s.id = a.funding_source_id
                 where s.year = ${year} and a.contract_id in (select id from placed p2 where p2.county = placed.county)) as allocated,
              (select coalesce(sum(e.amount_fen), 0)::float8 from expenditures e
                 where e.contract_id in (select id from placed p2 where p2.county = placed.county)) as spent
            from placed group by county`,
      );
      expect(figures.counties.map((c) => c.code).sort()).toEqual(byCounty.map((c) => c.county).sort());
      for (const row of byCounty) {
        const shown = figures.counties.find((c) => c.code === row.county)!;
        expect(shown.allocatedFen, `${year} ${row.county} allocated`).toBe(row.allocated);
        expect(shown.spentFen, `${year} ${row.county} spent`).toBe(row.spent);
      }
      const [total] = await queryRows<{ allocated: number }>(
        db,
        sql`select sum(a.amount_fen)::float8 as allocated from allocations a join funding_sources s on s.id = a.funding_source_id
            join regions r on r.id = s.region_id where s.year = ${year} and r.code like '5425%'`,
      );
      expect(figures.totals.allocatedFen).toBe(total.allocated);
    }
  });

  it("flags the Purang station as lagging and the Gerze station as overspent this year", async () => {
    const figures = await budgetFigures({ user: ngari, year: Number(todayInShanghai().slice(0, 4)) });
    const purang = figures.contracts.find((c) => c.title.startsWith("普兰镇社会工作服务站"))!;
    const gerze = figures.contracts.find((c) => c.title.startsWith("改则镇社会工作服务站"))!;
    expect(purang.flags).toContain("lagging");
    expect(gerze.flags).toContain("overspent");
    expect(gerze.spentAllFen).toBeGreaterThan(gerze.allocatedAllFen);
  });
});
