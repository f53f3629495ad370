// Which rows a region's workforce figures break down into: the level below the region. Client-safe, shared by the
// pages' sections and the year in review's workbook so both list the same rows.
import type { RegionWorkforce, WorkforceGroup } from "./figures.server";

export type WorkforceLevelBelow = "county" | "township" | "facility";

/** The rows one level below the region: counties of a prefecture, townships of a county, facilities of a township. */
export function rowsBelow(
  workforce: RegionWorkforce,
  level: string,
): { rows: WorkforceGroup[]; by: WorkforceLevelBelow } {
  if (level === "province" || level === "prefecture") return { rows: workforce.counties, by: "county" };
  if (level === "county") return { rows: workforce.townships, by: "township" };
  return {
    rows: workforce.facilities.map((f) => ({
      code: String(f.facilityId),
      name: f.facilityName,
      figures: f.figures,
    })),
    by: "facility",
  };
}
