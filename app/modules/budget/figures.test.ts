import { describe, expect, it } from "vitest";
import { budgetFlags, periodLeftShare, yearElapsedShare } from "~/modules/contracts/budget-flags";
import { type ContractInput, computeBudget } from "./figures";

const contract = (id: number, over: Partial<ContractInput> = {}): ContractInput => ({
  id,
  code: `C-${id}`,
  title: `Contract ${id}`,
  status: "active",
  startsOn: "2025-01-01",
  endsOn: "2025-12-31",
  amountFen: 100_000_00,
  organizationName: "Org",
  subjectName: "Station",
  countyCode: "542523000000",
  countyName: "噶尔县",
  prefectureLevel: false,
  ...over,
});

const source = (id: number, year = 2025, totalFen = 500_000_00, allocatedFen = 0) => ({
  id,
  name: `Source ${id}`,
  kind: "fiscal",
  donorProvince: null,
  year,
  totalFen,
  allocatedFen,
});

describe("budget flags", () => {
  it("flags an active contract with under half spent and under a quarter of its period left as lagging", () => {
    const base = { status: "active", amountFen: 1000, allocatedFen: 1000 };
    expect(budgetFlags({ ...base, spentFen: 499, periodLeftShare: 0.24 })).toEqual(["lagging"]);
    expect(budgetFlags({ ...base, spentFen: 500, periodLeftShare: 0.24 })).toEqual([]);
    expect(budgetFlags({ ...base, spentFen: 100, periodLeftShare: 0.25 })).toEqual([]);
    expect(budgetFlags({ ...base, status: "completed", spentFen: 100, periodLeftShare: 0 })).toEqual([]);
  });

  it("flags spending beyond what was allocated as overspent, but not on drafts", () => {
    expect(
      budgetFlags({
        status: "active",
        amountFen: 1000,
        allocatedFen: 600,
        spentFen: 601,
        periodLeftShare: 0.5,
      }),
    ).toEqual(["overspent"]);
    expect(
      budgetFlags({ status: "draft", amountFen: 1000, allocatedFen: 0, spentFen: 1, periodLeftShare: 1 }),
    ).toEqual([]);
  });

  it("measures the period left and the year elapsed in whole Shanghai days", () => {
    expect(periodLeftShare("2025-01-01", "2025-12-31", "2024-12-31")).toBe(1);
    expect(periodLeftShare("2025-01-01", "2025-12-31", "2025-12-31")).toBe(0);
    expect(periodLeftShare("2025-01-01", "2025-01-10", "2025-01-05")).toBeCloseTo(0.5);
    expect(yearElapsedShare(2025, "2025-12-31")).toBe(1);
    expect(yearElapsedShare(2024, "2025-06-01")).toBe(1);
    expect(yearElapsedShare(2026, "2025-06-01")).toBe(0);
    expect(yearElapsedShare(2025, "2025-01-01")).toBeCloseTo(1 / 365);
  });
});

describe("budget figures", () => {
  it("splits a contract's spending between its sources in proportion to what each allocated", () => {
    const figures = computeBudget({
      year: 2025,
      asOf: "2025-06-30",
      contracts: [contract(1)],
      allocations: [
        { contractId: 1, sourceId: 10, sourceYear: 2025, fen: 30_000_00 },
        { contractId: 1, sourceId: 11, sourceYear: 2025, fen: 10_000_00 },
      ],
      spending: [{ contractId: 1, fen: 20_000_00 }],
      monthly: [{ contractId: 1, month: "2025-03", fen: 20_000_00 }],
      sources: [source(10), source(11)],
    });
    expect(figures.sources.map((s) => [s.id, s.allocatedFen, s.spentFen])).toEqual([
      [10, 30_000_00, 15_000_00],
      [11, 10_000_00, 5_000_00],
    ]);
    expect(figures.totals.rate).toBeCloseTo(0.5);
    expect(figures.counties[0]).toMatchObject({
      code: "542523000000",
      allocatedFen: 40_000_00,
      spentFen: 20_000_00,
    });
  });

  it("counts only the share of spending funded by the year's sources when a contract spans two years", () => {
    const figures = computeBudget({
      year: 2025,
      asOf: "2025-12-31",
      contracts: [contract(1, { startsOn: "2024-07-01", endsOn: "2025-06-30" })],
      allocations: [
        { contractId: 1, sourceId: 9, sourceYear: 2024, fen: 50_000_00 },
        { contractId: 1, sourceId: 10, sourceYear: 2025, fen: 50_000_00 },
      ],
      spending: [{ contractId: 1, fen: 80_000_00 }],
      monthly: [],
      sources: [source(9, 2024), source(10, 2025)],
    });
    expect(figures.totals.allocatedFen).toBe(50_000_00);
    expect(figures.totals.spentFen).toBe(40_000_00);
    expect(figures.sources.map((s) => s.id)).toEqual([10]);
  });

  it("shows an active contract of the year with no allocation under 'not allocated', flagged overspent", () => {
    const figures = computeBudget({
      year: 2025,
      asOf: "2025-06-30",
      contracts: [contract(1), contract(2, { status: "draft" })],
      allocations: [],
      spending: [{ contractId: 1, fen: 5_000_00 }],
      monthly: [],
      sources: [source(10)],
    });
    expect(figures.contracts.map((c) => c.id)).toEqual([1]);
    expect(figures.contracts[0].flags).toEqual(["overspent"]);
    const unallocated = figures.sources.find((s) => s.id === null)!;
    expect(unallocated.spentFen).toBe(5_000_00);
    // The source with nothing allocated yet still shows, with all of it left.
    expect(figures.sources.find((s) => s.id === 10)).toMatchObject({ allocatedFen: 0, leftFen: 500_000_00 });
  });

  it("accumulates spending by month, stops at the current month and paces allocations evenly through the year", () => {
    const figures = computeBudget({
      year: 2025,
      asOf: "2025-03-15",
      contracts: [contract(1)],
      allocations: [{ contractId: 1, sourceId: 10, sourceYear: 2025, fen: 365_00 }],
      spending: [{ contractId: 1, fen: 300 }],
      monthly: [
        { contractId: 1, month: "2025-01", fen: 100 },
        { contractId: 1, month: "2025-03", fen: 200 },
      ],
      sources: [source(10)],
    });
    expect(figures.months.slice(0, 4).map((m) => m.spentFen)).toEqual([100, 100, 300, null]);
    expect(figures.months[0].paceFen).toBe(31_00);
    expect(figures.months[11].paceFen).toBe(365_00);
  });
});
