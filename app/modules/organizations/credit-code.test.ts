import { describe, expect, it } from "vitest";
import {
  buildCreditCode,
  creditCodeCheckChar,
  creditCodeProblem,
  diagnoseCreditCode,
  isValidCreditCode,
} from "./credit-code";

// Codes as published on business licences (companies, type 9) and the worked example printed with the standard.
const published = [
  "91330100716105852F",
  "9144030071526726XG",
  "914403001922038216",
  "91110000802100433B",
  "91350100M000100Y43",
];

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts codes published on real licences, including check characters that are letters", () => {
    for (const code of published) expect(diagnoseCreditCode(code), code).toBeNull();
  });

  it("computes the check character from the 17 characters before it", () => {
    for (const code of published) expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it("refuses a code whose last character is not the check character", () => {
    expect(creditCodeProblem("91330100716105852G")).toBe("check");
    expect(creditCodeProblem("914403001922038217")).toBe("check");
    // Two digits swapped: the weighted sum catches transpositions.
    expect(creditCodeProblem("91330100761105852F")).toBe("check");
  });

  it("says the length is wrong, and how long the code was, for 17 or 19 characters", () => {
    expect(diagnoseCreditCode("9133010071610585F")).toEqual({ problem: "length", length: 17, chars: "" });
    expect(diagnoseCreditCode("91330100716105852FF")?.length).toBe(19);
    expect(creditCodeProblem("")).toBe("length");
  });

  it("refuses lowercase letters, naming them, since the standard uses capitals", () => {
    expect(diagnoseCreditCode("91330100716105852f")).toEqual({
      problem: "lowercase",
      length: 18,
      chars: "f",
    });
    expect(diagnoseCreditCode("91350100m000100y43")?.chars).toBe("my");
  });

  it("refuses the letters I, O, S, V and Z that the standard excludes", () => {
    for (const letter of ["I", "O", "S", "V", "Z"]) {
      const code = `9135${letter}100M000100Y43`;
      expect(diagnoseCreditCode(code), code).toEqual({ problem: "excluded", length: 18, chars: letter });
    }
  });

  it("refuses other characters such as spaces, dashes and full-width digits", () => {
    expect(creditCodeProblem("91330100-716105852")).toBe("charset");
    expect(diagnoseCreditCode("9133010071610585２F")?.chars).toBe("２");
  });

  it("builds well-formed codes for the demo organizations", () => {
    const code = buildCreditCode({ type: "2", regionCode6: "542523", serial: 204 });
    expect(code).toHaveLength(18);
    expect(code.startsWith("52542523")).toBe(true);
    expect(isValidCreditCode(code)).toBe(true);
  });
});
