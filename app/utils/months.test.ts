import { describe, expect, it } from "vitest";
import { isMonthKey, monthRange, monthWeeks, shiftMonth } from "./months";

describe("activity calendar months", () => {
  it("lays out February 2023 in Monday-first weeks with blanks outside the month", () => {
    const weeks = monthWeeks("2023-02");
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([
      null,
      null,
      "2023-02-01",
      "2023-02-02",
      "2023-02-03",
      "2023-02-04",
      "2023-02-05",
    ]);
    expect(weeks[4]).toEqual(["2023-02-27", "2023-02-28", null, null, null, null, null]);
  });

  it("knows the last day of a leap-year February and moves across year ends", () => {
    expect(monthRange("2024-02")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(shiftMonth("2023-12", 1)).toBe("2024-01");
    expect(shiftMonth("2023-01", -1)).toBe("2022-12");
    expect(shiftMonth("2023-05", -17)).toBe("2021-12");
  });

  it("accepts only real months", () => {
    expect(isMonthKey("2023-07")).toBe(true);
    expect(isMonthKey("2023-13")).toBe(false);
    expect(isMonthKey("2023-7")).toBe(false);
    expect(isMonthKey(null)).toBe(false);
  });
});
