// The budget arithmetic for one year, from plain rows: per funding source, per county, per contract, and the monthly
// burn. Pure (no database), so the rules are tested directly and the page, charts and exports share one result.
//
// The year is the funding year: what counts is money allocated from sources of that year. A contract funded from
// several sources has its spending attributed to each in proportion to what each allocated to it, rounded to the fen
// per contract and source (the `shares`), so every table adds up from the same pieces. An active or completed contract
// of that year with no allocation at all still shows, under "not allocated", so no spending hides.
// This is the one definition of a year's money spent: the budget dashboard and the year in review both show it.

import {
  type BudgetFlag,
  budgetFlags,
  executionRate,
  periodLeftShare,
  yearElapsedShare,
} from "~/modules/contracts/budget-flags";
import type { ContractBasics } from "~/modules/contracts/summary";

export type ContractInput = ContractBasics & {
  countyCode: string;
  countyName: string;
  /** True when the county code is the prefecture's own (a prefecture-level project). */
  prefectureLevel: boolean;
};

export type AllocationInput = { contractId: number; sourceId: number; sourceYear: number; fen: number };
export type SpendingInput = { contractId: number; fen: number };
export type MonthlySpendingInput = { contractId: number; month: string; fen: number };
export type SourceInput = {
  id: number;
  name: string;
  kind: string;
  donorProvince: string | null;
  year: number;
  totalFen: number;
  allocatedFen: number;
};

type MoneyFigures = { allocatedFen: number; spentFen: number; rate: number | null };

export type ContractFigures = MoneyFigures &
  ContractBasics & {
    countyCode: string;
    countyName: string;
    /** Everything allocated to and spent under the contract, whatever the year: what the flags judge. */
    allocatedAllFen: number;
    spentAllFen: number;
    periodLeftShare: number;
    flags: BudgetFlag[];
  };

type SourceFigures = MoneyFigures & {
  id: number | null;
  name: string;
  kind: string | null;
  donorProvince: string | null;
  totalFen: number | null;
  /** What is left of the whole source (not only of the part shown). */
  leftFen: number | null;
  contracts: number;
};

type CountyFigures = MoneyFigures & {
  code: string;
  name: string;
  prefectureLevel: boolean;
  contracts: number;
  amountFen: number;
  overspent: number;
  lagging: number;
};

type MonthFigures = { month: string; spentFen: number | null; paceFen: number };

/** One contract's spending attributed to one source of the year (null: the contract has no allocation at all). */
export type ShareFigures = {
  contractId: number;
  sourceId: number | null;
  /** What the source allocated to the contract (0 for "not allocated"). */
  allocatedFen: number;
  /** Everything the contract spent (reversals netted out). */
  contractSpentFen: number;
  /** The source's part of everything allocated to the contract, 0–1 (1 for "not allocated"). */
  share: number;
  /** contractSpentFen × share, in whole fen. */
  spentFen: number;
};

export type BudgetFigures = {
  year: number;
  asOf: string;
  yearElapsedShare: number;
  totals: MoneyFigures & {
    sourcesTotalFen: number;
    amountFen: number;
    contracts: number;
    overspent: number;
    lagging: number;
  };
  sources: SourceFigures[];
  counties: CountyFigures[];
  contracts: ContractFigures[];
  months: MonthFigures[];
  shares: ShareFigures[];
};

const money = (allocatedFen: number, spentFen: number): MoneyFigures => ({
  allocatedFen,
  spentFen,
  rate: executionRate(spentFen, allocatedFen),
});

const overlapsYear = (c: { startsOn: string; endsOn: string }, year: number) =>
  c.startsOn <= `${year}-12-31` && c.endsOn >= `${year}-01-01`;

/** Rounds attributed fen to whole fen so tables add up to what people can check. */
const fen = (v: number) => Math.round(v);

export function computeBudget({
  year,
  asOf,
  contracts,
  allocations,
  spending,
  monthly,
  sources,
}: {
  year: number;
  asOf: string;
  contracts: ContractInput[];
  allocations: AllocationInput[];
  spending: SpendingInput[];
  monthly: MonthlySpendingInput[];
  sources: SourceInput[];
}): BudgetFigures {
  const allocByContract = new Map<number, AllocationInput[]>();
  for (const a of allocations)
    allocByContract.set(a.contractId, [...(allocByContract.get(a.contractId) ?? []), a]);
  const spentByContract = new Map(spending.map((s) => [s.contractId, s.fen]));

  // Each contract's share of its spending that belongs to this year's money, and to which source.
  const shares = new Map<number, { total: number; bySource: Map<number | null, number> }>();
  const shareRows: ShareFigures[] = [];
  const contractRows: ContractFigures[] = [];
  for (const c of contracts) {
    const rows = allocByContract.get(c.id) ?? [];
    const allocatedAllFen = rows.reduce((s, a) => s + a.fen, 0);
    const ofYear = rows.filter((a) => a.sourceYear === year);
    const allocatedFen = ofYear.reduce((s, a) => s + a.fen, 0);
    const unfunded =
      allocatedAllFen === 0 && (c.status === "active" || c.status === "completed") && overlapsYear(c, year);
    if (allocatedFen === 0 && !unfunded) continue;
    const bySource = new Map<number | null, number>();
    if (unfunded) bySource.set(null, 1);
    for (const a of ofYear)
      bySource.set(a.sourceId, (bySource.get(a.sourceId) ?? 0) + a.fen / allocatedAllFen);
    const total = unfunded ? 1 : allocatedFen / allocatedAllFen;
    shares.set(c.id, { total, bySource });
    const spentAllFen = spentByContract.get(c.id) ?? 0;
    const pairs = [...bySource].map(([sourceId, part]) => ({
      contractId: c.id,
      sourceId,
      allocatedFen: ofYear.filter((a) => a.sourceId === sourceId).reduce((s, a) => s + a.fen, 0),
      contractSpentFen: spentAllFen,
      share: part,
      spentFen: fen(spentAllFen * part),
    }));
    shareRows.push(...pairs);
    const left = periodLeftShare(c.startsOn, c.endsOn, asOf);
    contractRows.push({
      ...c,
      ...money(
        allocatedFen,
        pairs.reduce((s, p) => s + p.spentFen, 0),
      ),
      allocatedAllFen,
      spentAllFen,
      periodLeftShare: left,
      flags: budgetFlags({
        status: c.status,
        amountFen: c.amountFen,
        allocatedFen: allocatedAllFen,
        spentFen: spentAllFen,
        periodLeftShare: left,
      }),
    });
  }

  // Per source: what it allocated to these contracts, and their spending in proportion.
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const perSource = new Map<
    number | null,
    { allocatedFen: number; spentFen: number; contracts: Set<number> }
  >();
  for (const s of sources.filter((x) => x.year === year))
    perSource.set(s.id, { allocatedFen: 0, spentFen: 0, contracts: new Set() });
  for (const p of shareRows) {
    const entry = perSource.get(p.sourceId) ?? { allocatedFen: 0, spentFen: 0, contracts: new Set<number>() };
    entry.allocatedFen += p.allocatedFen;
    entry.spentFen += p.spentFen;
    entry.contracts.add(p.contractId);
    perSource.set(p.sourceId, entry);
  }
  const sourceRows: SourceFigures[] = [...perSource.entries()]
    .map(([id, e]) => {
      const s = id === null ? undefined : sourceById.get(id);
      return {
        id,
        name: s?.name ?? "",
        kind: s?.kind ?? null,
        donorProvince: s?.donorProvince ?? null,
        totalFen: s ? s.totalFen : null,
        leftFen: s ? s.totalFen - s.allocatedFen : null,
        contracts: e.contracts.size,
        ...money(e.allocatedFen, e.spentFen),
      };
    })
    .sort((a, b) =>
      a.id === null
        ? 1
        : b.id === null
          ? -1
          : (a.kind ?? "").localeCompare(b.kind ?? "") || a.name.localeCompare(b.name),
    );

  // Per county (or the prefecture itself, for prefecture-level projects).
  const perCounty = new Map<string, CountyFigures>();
  for (const c of contractRows) {
    const entry =
      perCounty.get(c.countyCode) ??
      ({
        code: c.countyCode,
        name: c.countyName,
        prefectureLevel: contracts.find((x) => x.id === c.id)!.prefectureLevel,
        contracts: 0,
        amountFen: 0,
        allocatedFen: 0,
        spentFen: 0,
        rate: null,
        overspent: 0,
        lagging: 0,
      } satisfies CountyFigures);
    entry.contracts += 1;
    entry.amountFen += c.amountFen;
    entry.allocatedFen += c.allocatedFen;
    entry.spentFen += c.spentFen;
    if (c.flags.includes("overspent")) entry.overspent += 1;
    if (c.flags.includes("lagging")) entry.lagging += 1;
    perCounty.set(c.countyCode, entry);
  }
  const countyRows = [...perCounty.values()]
    .map((c) => ({ ...c, rate: executionRate(c.spentFen, c.allocatedFen) }))
    .sort((a, b) => a.code.localeCompare(b.code));

  // Burn: cumulative attributed spending by month against an even pace through the year.
  const allocatedFen = contractRows.reduce((s, c) => s + c.allocatedFen, 0);
  const spentFen = contractRows.reduce((s, c) => s + c.spentFen, 0);
  const byMonth = new Array(12).fill(0) as number[];
  for (const m of monthly) {
    const share = shares.get(m.contractId);
    if (!share) continue;
    const index = m.month < `${year}-01` ? 0 : m.month > `${year}-12` ? 11 : Number(m.month.slice(5, 7)) - 1;
    byMonth[index] += m.fen * share.total;
  }
  const asOfMonth = asOf.slice(0, 7);
  let running = 0;
  const months: MonthFigures[] = byMonth.map((v, i) => {
    running += v;
    const month = `${year}-${String(i + 1).padStart(2, "0")}`;
    const monthEnd = i === 11 ? `${year}-12-31` : lastDayOf(month);
    return {
      month,
      spentFen: month > asOfMonth ? null : fen(running),
      paceFen: fen(allocatedFen * yearElapsedShare(year, monthEnd)),
    };
  });

  const sourcesTotalFen = sourceRows.reduce((s, r) => s + (r.totalFen ?? 0), 0);
  return {
    year,
    asOf,
    yearElapsedShare: yearElapsedShare(year, asOf),
    totals: {
      ...money(allocatedFen, spentFen),
      sourcesTotalFen,
      amountFen: contractRows.reduce((s, c) => s + c.amountFen, 0),
      contracts: contractRows.length,
      overspent: contractRows.filter((c) => c.flags.includes("overspent")).length,
      lagging: contractRows.filter((c) => c.flags.includes("lagging")).length,
    },
    sources: sourceRows,
    counties: countyRows,
    contracts: contractRows.sort(
      (a, b) => a.countyCode.localeCompare(b.countyCode) || a.code.localeCompare(b.code),
    ),
    months,
    shares: shareRows,
  };
}

function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}
