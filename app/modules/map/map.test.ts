import { describe, expect, it } from "vitest";
import { placementSuggestions } from "~/modules/coverage/queries.server";
import { checkedRegionByCode } from "~/modules/coverage/testing.server";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { mapPageData } from "./queries.server";

useTestDatabase({ template: "demo" });

const now = new Date("2026-12-03T04:00:00Z");
const NGARI = "542500000000";
const GAR = "542523000000";
const BAYI = "540402000000";

const picksOf = (s: { picks: { code: string; addedWeight: number }[] } | null) =>
  s?.picks.map((p) => [p.code, p.addedWeight]);

describe("placement suggestions on the map", () => {
  it("are for the prefecture and weight the coverage page sent, not the admin's first county", async () => {
    const admin = await sessionUserFor("admin@demo.local");
    const data = await mapPageData({
      user: admin,
      filters: {},
      suggest: 3,
      suggestRegion: NGARI,
      weight: "villages",
      now,
    });
    const expected = await placementSuggestions({
      region: await checkedRegionByCode(NGARI),
      k: 3,
      weight: "villages",
      now,
    });
    expect(data.suggestions).toMatchObject({ regionCode: NGARI, regionName: "阿里地区", weight: "villages" });
    expect(data.suggestions!.picks).toHaveLength(3);
    expect(picksOf(data.suggestions)).toEqual(picksOf(expected));
    for (const p of data.suggestions!.picks) expect(p.code.startsWith("5425")).toBe(true);
  });

  it("follow the weight: the same prefecture weighed by population is a different ranking", async () => {
    const admin = await sessionUserFor("admin@demo.local");
    const suggestionsBy = (weight: "population" | "villages") =>
      mapPageData({ user: admin, filters: {}, suggest: 3, suggestRegion: NGARI, weight, now });
    const byPopulation = (await suggestionsBy("population")).suggestions;
    const byVillages = (await suggestionsBy("villages")).suggestions;
    expect(byPopulation?.weight).toBe("population");
    const expected = await placementSuggestions({
      region: await checkedRegionByCode(NGARI),
      k: 3,
      weight: "population",
      now,
    });
    expect(picksOf(byPopulation)).toEqual(picksOf(expected));
    // Two real rankings: each pick adds people (the demo's derived populations) or villages, not nothing.
    for (const ranking of [byPopulation, byVillages]) {
      expect(ranking!.picks).toHaveLength(3);
      for (const p of ranking!.picks) expect(p.addedWeight).toBeGreaterThan(0);
    }
    // A pick weighed by population adds more people than the villages it reaches (villages hold hundreds each).
    expect(byPopulation!.picks[0].addedWeight).toBeGreaterThan(byPopulation!.picks[0].addedVillages * 50);
    const codes = (s: typeof byPopulation) => s!.picks.map((p) => p.code);
    expect(codes(byPopulation)).not.toEqual(codes(byVillages));
  });

  it("are for the county the map is filtered to, which narrows the region sent", async () => {
    const planner = await sessionUserFor("planner.ngari@demo.local");
    const data = await mapPageData({
      user: planner,
      filters: { county: GAR },
      suggest: 3,
      suggestRegion: NGARI,
      now,
    });
    expect(data.suggestions?.regionCode).toBe(GAR);
    for (const p of data.suggestions!.picks) expect(p.code.startsWith("542523")).toBe(true);
  });

  it("default to the planner's own region when no region is sent", async () => {
    const planner = await sessionUserFor("planner.ngari@demo.local");
    const data = await mapPageData({ user: planner, filters: {}, suggest: 3, now });
    expect(data.suggestions?.regionCode).toBe(NGARI);
  });

  it("are not shown for a region outside the planner's scope, rather than for another region", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const data = await mapPageData({ user: planner, filters: {}, suggest: 3, suggestRegion: NGARI, now });
    expect(data.suggestions).toBeNull();
    const own = await mapPageData({ user: planner, filters: {}, suggest: 3, suggestRegion: BAYI, now });
    expect(own.suggestions?.regionCode).toBe(BAYI);
  });

  it("are not shown to station staff, who may not read coverage", async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const data = await mapPageData({ user: staff, filters: {}, suggest: 3, suggestRegion: BAYI, now });
    expect(data.suggestions).toBeNull();
  });
});
