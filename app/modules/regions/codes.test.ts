import { describe, expect, it } from "vitest";
import {
  ancestorCode,
  codeAndAncestors,
  codePrefix,
  countyCodeOf,
  countyDigits,
  isRegionCode,
  isUnder,
  levelOfCode,
  normaliseRegionCode,
  padCode,
  prefixPattern,
  regionCodeOrUndefined,
  seatTownshipCode,
} from "./codes";

describe("region codes as planners write them", () => {
  it("pads the 6-digit county code of GB/T 2260 and the 9-digit township code to the 12-digit code", () => {
    expect(normaliseRegionCode("540402")).toEqual({ ok: true, code: "540402000000" });
    expect(normaliseRegionCode("540402101")).toEqual({ ok: true, code: "540402101000" });
    expect(normaliseRegionCode("540402101202")).toEqual({ ok: true, code: "540402101202" });
    expect(normaliseRegionCode(" 5425 ")).toEqual({ ok: true, code: "542500000000" });
    expect(normaliseRegionCode("540402-101")).toEqual({ ok: true, code: "540402101000" });
  });

  it("calls a run of digits of no level's length ambiguous and anything else malformed", () => {
    expect(normaliseRegionCode("5404021")).toEqual({ ok: false, problem: "ambiguous" });
    expect(normaliseRegionCode("54040210")).toEqual({ ok: false, problem: "ambiguous" });
    expect(normaliseRegionCode("54040210100")).toEqual({ ok: false, problem: "ambiguous" });
    expect(normaliseRegionCode("5404021010001")).toEqual({ ok: false, problem: "malformed" });
    expect(normaliseRegionCode("54040210190X")).toEqual({ ok: false, problem: "malformed" });
    expect(normaliseRegionCode("")).toEqual({ ok: false, problem: "malformed" });
    expect(regionCodeOrUndefined("bayi")).toBeUndefined();
    expect(regionCodeOrUndefined(null)).toBeUndefined();
    expect(regionCodeOrUndefined("540402")).toBe("540402000000");
  });
});

describe("region-code arithmetic", () => {
  it("reads the level from the trailing zeros", () => {
    expect(levelOfCode("540000000000")).toBe("province");
    expect(levelOfCode("542500000000")).toBe("prefecture");
    expect(levelOfCode("542523000000")).toBe("county");
    expect(levelOfCode("542523100000")).toBe("township");
    expect(levelOfCode("542523100201")).toBe("village");
  });

  it("cuts a code to the digits its level fixes, and makes the LIKE pattern of everything below it", () => {
    expect(codePrefix("542500000000")).toBe("5425");
    expect(codePrefix("542523100000")).toBe("542523100");
    expect(codePrefix("542523100000", "county")).toBe("542523");
    expect(prefixPattern("540402000000")).toBe("540402%");
    expect(prefixPattern("540402101000", "township")).toBe("540402101%");
  });

  it("finds the regions above a code", () => {
    expect(ancestorCode("540402101202", "county")).toBe("540402000000");
    expect(countyCodeOf("540402101202")).toBe("540402000000");
    expect(countyDigits("540402101202")).toBe("540402");
    expect(seatTownshipCode("542523202000")).toBe("542523100000");
    expect(codeAndAncestors("540402101202")).toEqual([
      "540402101202",
      "540402101000",
      "540402000000",
      "540400000000",
      "540000000000",
    ]);
    expect(codeAndAncestors("540402000000")).toEqual(["540402000000", "540400000000", "540000000000"]);
  });

  it("tells whether a code lies under another and whether text is a full code", () => {
    expect(isUnder("540402101202", "540402000000")).toBe(true);
    expect(isUnder("540402000000", "540402000000")).toBe(true);
    expect(isUnder("542523100000", "540402000000")).toBe(false);
    expect(isRegionCode("540402000000")).toBe(true);
    expect(isRegionCode("540402")).toBe(false);
    expect(padCode("5425")).toBe("542500000000");
  });
});
