// Facts about the 12-digit official division codes that both server and browser use.
import type { RegionLevel } from "#db/schema/enums";

const significantDigits: Record<RegionLevel, number> = {
  province: 2,
  prefecture: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** The part of a region's code that every region below it shares: 542500000000 (prefecture) → "5425". */
export function codePrefix(code: string, level: RegionLevel): string {
  return code.slice(0, significantDigits[level]);
}

/** The level a 12-digit code denotes by its trailing zeros. */
export function levelOfCode(code: string): RegionLevel {
  if (/^\d{2}0{10}$/.test(code)) return "province";
  if (/^\d{4}0{8}$/.test(code)) return "prefecture";
  if (/^\d{6}0{6}$/.test(code)) return "county";
  if (/^\d{9}0{3}$/.test(code)) return "township";
  return "village";
}
