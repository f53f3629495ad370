import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { regions } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { coverageReport, placementSuggestions } from "./queries.server";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest fixture, not a React hook
useTestDatabase({ template: "demo" });

async function region(code: string) {
  const [r] = await db
    .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(eq(regions.code, code));
  return r;
}

describe("coverage on the demo data", () => {
  it("shows Bayi District with 9 of 9 townships covered by an operating station", async () => {
    const report = await coverageReport({ region: await region("540402000000") });
    expect(report.townships.total).toBe(9);
    expect(report.townships.covered).toBe(9);
    expect(report.townships.ratio).toBe(1);
    expect(report.townships.uncovered).toEqual([]);
  });

  it("reaches Bayi's villages from its stations and counts every village, located or not", async () => {
    const report = await coverageReport({ region: await region("540402000000") });
    expect(report.reach.villages).toBe(report.reach.withPoint + report.reach.withoutPoint);
    expect(report.reach.withPoint).toBeGreaterThan(0);
    expect(report.reach.reached).toBeGreaterThan(0);
    expect(report.villages).toHaveLength(report.reach.villages);
    const served = report.stations.reduce((sum, s) => sum + s.villagesServed, 0);
    expect(served).toBe(report.reach.reached);
  });

  it("lists Ngari's uncovered townships, with the key towns covered", async () => {
    const report = await coverageReport({ region: await region("542500000000") });
    expect(report.townships.covered).toBe(10);
    expect(report.townships.total).toBeGreaterThan(10);
    const uncovered = report.townships.uncovered.map((t) => t.code);
    expect(uncovered).toContain("542524200000"); // 热帮乡: station still under construction
    expect(uncovered).not.toContain("542523100000"); // 狮泉河镇
    expect(report.townships.uncovered).toHaveLength(report.townships.total - 10);
  });

  it("suggests Ngari placements that each add reach, in decreasing order", async () => {
    const result = await placementSuggestions({ region: await region("542500000000"), k: 3 });
    expect(result.picks.length).toBeGreaterThan(0);
    for (let i = 1; i < result.picks.length; i++)
      expect(result.picks[i].addedWeight).toBeLessThanOrEqual(result.picks[i - 1].addedWeight);
    expect(result.picks[0].addedWeight).toBeGreaterThan(0);
  });
});
