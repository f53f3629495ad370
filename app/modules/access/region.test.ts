import { describe, expect, it } from "vitest";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { requireRegion, resolveRegion } from "./region.server";

useTestDatabase({ template: "demo" });

const withTownships = { levels: ["province", "prefecture", "county", "township"] as const };

describe("one region resolver", () => {
  it("reads the Bayi planner's 6- and 9-digit codes as the 12-digit ones", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const county = await resolveRegion(planner, "540402");
    expect(county).toMatchObject({
      ok: true,
      region: { code: "540402000000", level: "county", prefix: "540402" },
    });
    expect(await resolveRegion(planner, "540402000000")).toEqual(county);
    const township = await resolveRegion(planner, "540402101", withTownships);
    expect(township).toMatchObject({
      ok: true,
      region: { code: "540402101000", name: "百巴镇", level: "township" },
    });
    expect(await resolveRegion(planner, "540402101000", withTownships)).toEqual(township);
  });

  it("answers an unknown code and one outside the scope alike, so neither leaks", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const unknown = await resolveRegion(planner, "540499");
    const outside = await resolveRegion(planner, "542500");
    expect(unknown).toMatchObject({ ok: false, problem: "unknown" });
    expect(outside).toMatchObject({ ok: false, problem: "unknown" });
    const admin = await sessionUserFor("admin@demo.local");
    expect(await resolveRegion(admin, "542500")).toMatchObject({ ok: true, region: { name: "阿里地区" } });
  });

  it("names what is wrong with a code that is not one: malformed, ambiguous, or the wrong level", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    expect(await resolveRegion(planner, "bayi")).toMatchObject({ ok: false, problem: "malformed" });
    expect(await resolveRegion(planner, "5404021")).toMatchObject({
      ok: false,
      problem: "ambiguous",
      message: { key: "common:regionCode.ambiguous", values: { code: "5404021", digits: 7 } },
    });
    expect(await resolveRegion(planner, "540402101")).toMatchObject({ ok: false, problem: "level" });
  });

  it("falls back to the user's own region without a code, and to the first in scope for an administrator", async () => {
    const planner = await sessionUserFor("planner.ngari@demo.local");
    expect(await resolveRegion(planner, null)).toMatchObject({ ok: true, region: { code: "542500000000" } });
    const admin = await sessionUserFor("admin@demo.local");
    const first = await resolveRegion(admin, "", { fallbackLevels: ["prefecture"] });
    expect(first).toMatchObject({ ok: true, region: { code: "540400000000" } });
  });

  it("refuses in the user's language with a 404 that says why", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const refusal = await requireRegion(planner, "542523").catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Response);
    const response = refusal as Response;
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body.code).toBe("common:regionCode.unknown");
    expect(body.error).toContain("542523");
    expect(body.error).toContain("542523000000");
    expect(body.error).toMatch(/[\u4e00-\u9fff]/);
  });
});
