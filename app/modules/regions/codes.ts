// Region-code arithmetic, in one place: official 12-digit statistical codes (统计用区划代码), whose leading digits are
// the hierarchy — 54 (province) 25 (prefecture) 23 (county) 100 (township) 201 (village). Pure; server and browser.
import type { RegionLevel } from "#db/schema/enums";

const significantDigits: Record<RegionLevel, number> = {
  province: 2,
  prefecture: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** How many leading digits a region of this level fixes: county → 6. */
export function digitsOfLevel(level: RegionLevel): number {
  return significantDigits[level];
}

/** A full 12-digit code. */
export function isRegionCode(text: string | null | undefined): text is string {
  return typeof text === "string" && /^\d{12}$/.test(text);
}

/** The level a 12-digit code denotes by its trailing zeros. */
export function levelOfCode(code: string): RegionLevel {
  if (/^\d{2}0{10}$/.test(code)) return "province";
  if (/^\d{4}0{8}$/.test(code)) return "prefecture";
  if (/^\d{6}0{6}$/.test(code)) return "county";
  if (/^\d{9}0{3}$/.test(code)) return "township";
  return "village";
}

/**
 * The part of a region's code that every region below it shares: 542500000000 → "5425". The level defaults to the
 * one the code's trailing zeros denote.
 */
export function codePrefix(code: string, level: RegionLevel = levelOfCode(code)): string {
  return code.slice(0, significantDigits[level]);
}

/** A LIKE pattern for a region and everything below it: 542500000000 → "5425%". */
export function prefixPattern(code: string, level: RegionLevel = levelOfCode(code)): string {
  return `${codePrefix(code, level)}%`;
}

/** A LIKE pattern for the regions under a prefix that is already significant digits ("5425" → "5425%"). */
export function patternOfPrefix(prefix: string): string {
  return `${prefix}%`;
}

/** Pads significant digits to a 12-digit code: "540402" → "540402000000". */
export function padCode(digits: string): string {
  return digits.padEnd(12, "0");
}

/** The code of the region of `level` that contains `code`: (540402101202, county) → 540402000000. */
export function ancestorCode(code: string, level: RegionLevel): string {
  return padCode(code.slice(0, significantDigits[level]));
}

/** The county (or district) a region lies in, as a 12-digit code. */
export function countyCodeOf(code: string): string {
  return ancestorCode(code, "county");
}

/** The six digits of GB/T 2260 a county is known by: 540402000000 → "540402". */
export function countyDigits(code: string): string {
  return code.slice(0, significantDigits.county);
}

/** The code and the codes of every region above it, most specific first (each once). */
export function codeAndAncestors(code: string): string[] {
  const chain = [
    code,
    ...(["township", "county", "prefecture", "province"] as const).map((l) => ancestorCode(code, l)),
  ];
  return chain.filter((c, i) => chain.indexOf(c) === i);
}

/** The township of a county that the demo and the station fallback treat as its seat: the county's "…100" town. */
export function seatTownshipCode(code: string): string {
  return padCode(`${countyDigits(code)}100`);
}

/** True when `code` lies under (or is) the region `ancestor`. */
export function isUnder(code: string, ancestor: string): boolean {
  return code.startsWith(codePrefix(ancestor));
}

export type CodeProblem = "malformed" | "ambiguous";
export type NormalisedCode = { ok: true; code: string } | { ok: false; problem: CodeProblem };

/** Lengths a code may be written in: a level's significant digits (6 for a county, 9 for a township) or all 12. */
const acceptedLengths = new Set([2, 4, 6, 9, 12]);

/**
 * A region code as people write it, as the 12-digit code: the 6-digit county code of GB/T 2260 (540402) and the
 * 9-digit township code (540402101) are padded with zeros (540402000000, 540402101000). A string of digits of any
 * other length cannot be placed at a level ("ambiguous"); anything else is "malformed".
 */
export function normaliseRegionCode(text: string): NormalisedCode {
  const digits = text.trim().replace(/[\s-]/g, "");
  if (!/^\d{1,12}$/.test(digits)) return { ok: false, problem: "malformed" };
  if (!acceptedLengths.has(digits.length)) return { ok: false, problem: "ambiguous" };
  return { ok: true, code: padCode(digits) };
}

/** The normalised code, or undefined when the text is not a code (for filters, which ignore what they cannot read). */
export function regionCodeOrUndefined(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const result = normaliseRegionCode(text);
  return result.ok ? result.code : undefined;
}

/** The region code a URL names (`?region=`), as 12 digits; 6- and 9-digit codes are accepted and padded. */
export function regionCodeParam(search: URLSearchParams, name = "region"): string | undefined {
  return regionCodeOrUndefined(search.get(name));
}
