import { describe, expect, it } from "vitest";
import { facilities, regions } from "#db/schema";
import { regionCheckedBySystem } from "~/modules/access/region.server";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { coverageReport, placementSuggestions } from "./queries.server";
import { checkedRegionByCode } from "./testing.server";

useTestDatabase({ template: "demo" });

describe("coverage on the demo data", () => {
  it("shows Bayi District with 9 of 9 townships covered by an operating station", async () => {
    const report = await coverageReport({ region: await checkedRegionByCode("540402000000") });
    expect(report.townships.total).toBe(9);
    expect(report.townships.covered).toBe(9);
    expect(report.townships.ratio).toBe(1);
    expect(report.townships.uncovered).toEqual([]);
  });

  it("reaches Bayi's villages from its stations and counts every village, located or not", async () => {
    const report = await coverageReport({ region: await checkedRegionByCode("540402000000") });
    expect(report.reach.villages).toBe(report.reach.withPoint + report.reach.withoutPoint);
    expect(report.reach.withPoint).toBeGreaterThan(0);
    expect(report.reach.reached).toBeGreaterThan(0);
    expect(report.villages).toHaveLength(report.reach.villages);
    const served = report.stations.reduce((sum, s) => sum + s.villagesServed, 0);
    expect(served).toBe(report.reach.reached);
  });

  it("lists Ngari's uncovered townships, with the key towns covered and 雄巴乡's station in trial operation apart", async () => {
    const report = await coverageReport({ region: await checkedRegionByCode("542500000000") });
    // 10 stations operating and 雄巴乡's in trial operation, which covers its township too.
    expect(report.townships.covered).toBe(11);
    expect(report.townships.stationsInTrial).toBe(1);
    expect(report.townships.coveredOnlyInTrial).toBe(1);
    expect(report.townships.total).toBeGreaterThan(11);
    const uncovered = report.townships.uncovered.map((t) => t.code);
    expect(uncovered).toContain("542524200000"); // 热帮乡: station still under construction
    expect(uncovered).not.toContain("542525200000"); // 雄巴乡: in trial operation
    expect(uncovered).not.toContain("542523100000"); // 狮泉河镇
    expect(report.townships.uncovered).toHaveLength(report.townships.total - 11);
  });

  it("suggests Ngari placements that each add reach, in decreasing order", async () => {
    const result = await placementSuggestions({ region: await checkedRegionByCode("542500000000"), k: 3 });
    expect(result.picks.length).toBeGreaterThan(0);
    for (let i = 1; i < result.picks.length; i++)
      expect(result.picks[i].addedWeight).toBeLessThanOrEqual(result.picks[i - 1].addedWeight);
    expect(result.picks[0].addedWeight).toBeGreaterThan(0);
  });
});

describe("population-weighted coverage on the demo's derived populations", () => {
  it("weighs Bayi and Ngari by population: people known and reached, and stations serving people", async () => {
    for (const code of ["540402000000", "542500000000"]) {
      const report = await coverageReport({ region: await checkedRegionByCode(code) });
      expect(report.reach.population.known, code).toBeGreaterThan(0);
      expect(report.reach.population.reached, code).toBeGreaterThan(0);
      expect(report.reach.population.share, code).toBeGreaterThan(0);
      expect(
        report.stations.some((s) => s.populationServed > 0),
        code,
      ).toBe(true);
    }
  });

  it("spreads each county's published figure over its villages exactly, marked as derived", async () => {
    const rows = await db
      .select({
        code: regions.code,
        level: regions.level,
        population: regions.population,
        derived: regions.populationDerived,
      })
      .from(regions);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get("542521000000")).toMatchObject({ population: 12_242, derived: false });
    expect(byCode.get("542526000000")).toMatchObject({ population: 25_327, derived: false });
    const ngariCounties = rows.filter((r) => r.level === "county" && r.code.startsWith("5425"));
    expect(ngariCounties.reduce((sum, r) => sum + r.population!, 0)).toBe(123_281);
    for (const county of rows.filter((r) => r.level === "county")) {
      const villages = rows.filter(
        (r) => r.level === "village" && r.code.startsWith(county.code.slice(0, 6)),
      );
      expect(
        villages.reduce((sum, v) => sum + (v.population ?? 0), 0),
        county.code,
      ).toBe(county.population);
      expect(
        villages.every((v) => v.derived && v.population! > 0),
        county.code,
      ).toBe(true);
    }
  });
});

describe("coverage on embedded PGlite", () => {
  it("loads and computes the same way as on PostgreSQL", async () => {
    const { openMigratedPglite } = await import("../../../test/setup/database");
    const handle = await openMigratedPglite();
    try {
      const pg = handle.db;
      const [prefecture] = await pg
        .insert(regions)
        .values({ code: "540400000000", level: "prefecture", name: "林芝市" })
        .returning();
      const [county] = await pg
        .insert(regions)
        .values({ code: "540402000000", level: "county", name: "巴宜区", parentId: prefecture.id })
        .returning();
      const [t1, t2] = await pg
        .insert(regions)
        .values([
          {
            code: "540402101000",
            level: "township",
            name: "百巴镇",
            parentId: county.id,
            lat: 29.6,
            lng: 94.4,
          },
          {
            code: "540402102000",
            level: "township",
            name: "八一镇",
            parentId: county.id,
            lat: 29.7,
            lng: 94.3,
          },
        ])
        .returning();
      await pg.insert(regions).values([
        {
          code: "540402101201",
          level: "village",
          name: "甲村",
          parentId: t1.id,
          lat: 29.61,
          lng: 94.41,
          population: 100,
        },
        { code: "540402102201", level: "village", name: "乙村", parentId: t2.id },
      ]);
      await pg.insert(facilities).values({
        code: "540402101000-SW01",
        kind: "social_work_station",
        name: "百巴镇社会工作服务站",
        townshipId: t1.id,
        lat: 29.6,
        lng: 94.4,
        status: "operating",
      });
      const report = await coverageReport({
        region: regionCheckedBySystem({ ...county, level: "county" }),
        db: pg,
      });
      expect(report.townships).toMatchObject({ total: 2, covered: 1, coveredUnderContract: 0 });
      expect(report.reach).toMatchObject({ withPoint: 1, withoutPoint: 1, reached: 1 });
    } finally {
      await handle.close();
    }
  });
});
