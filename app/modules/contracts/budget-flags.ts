// Budget arithmetic of a contract, shared by its pages, the budget dashboard and exports: execution rate (执行率) and
// the flags for contracts that need a look. Pure and client-safe.

/** 执行率: spent ÷ allocated; null when nothing is allocated. */
export function executionRate(spentFen: number, allocatedFen: number): number | null {
  return allocatedFen > 0 ? spentFen / allocatedFen : null;
}

/** A contract is lagging when less than this share of its amount is spent… */
export const LAGGING_SPENT_BELOW = 0.5;
/** …while less than this share of its period is left. */
export const LAGGING_PERIOD_LEFT_BELOW = 0.25;

export type BudgetFlag = "overspent" | "lagging";

export type FlagInput = {
  status: string;
  amountFen: number;
  allocatedFen: number;
  spentFen: number;
  /** Share of the contract period still ahead, 0–1. */
  periodLeftShare: number;
};

/**
 * Overspent: more spent than allocated (any contract that is not a draft).
 * Lagging: an active contract with less than half its amount spent and less than a quarter of its period left.
 */
export function budgetFlags(c: FlagInput): BudgetFlag[] {
  const flags: BudgetFlag[] = [];
  if (c.status !== "draft" && c.spentFen > c.allocatedFen) flags.push("overspent");
  if (
    c.status === "active" &&
    c.amountFen > 0 &&
    c.spentFen < LAGGING_SPENT_BELOW * c.amountFen &&
    c.periodLeftShare < LAGGING_PERIOD_LEFT_BELOW
  )
    flags.push("lagging");
  return flags;
}

/** Share of a period ('YYYY-MM-DD' inclusive) still ahead on `asOf`: 1 before it starts, 0 after it ends. */
export function periodLeftShare(startsOn: string, endsOn: string, asOf: string): number {
  const day = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
  const total = day(endsOn) - day(startsOn) + 1;
  if (asOf < startsOn) return 1;
  if (asOf >= endsOn) return 0;
  return (day(endsOn) - day(asOf)) / total;
}

/** Share of a calendar year gone by the end of `asOf` (1 for past years, 0 for future ones). */
export function yearElapsedShare(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year < asOfYear) return 1;
  if (year > asOfYear) return 0;
  const day = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  const start = day(`${year}-01-01`);
  const end = day(`${year + 1}-01-01`);
  return (day(asOf) - start + 86_400_000) / (end - start);
}
