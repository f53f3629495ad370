// The money sums, defined once: what is allocated (下拨) to a contract and what is spent (支出) under it. Every page,
// report, reminder and export that shows an allocated or spent amount sums here.
//
// - Spent is the sum of a contract's expenditures *with their reversals*: a reversal (冲销) is a row of its own with
//   the negated amount, so the sum nets a cancelled entry out and nothing is filtered.
// - Allocated is the sum of a contract's allocations.
// - Both count the rows dated within a span: up to a day (`to`, inclusive: "as of"), and from a day (`from`) for the
//   spending of a month or a year. Rows dated after today are not money yet, so callers pass `to` = today or the end
//   of the period, whichever is earlier.
import { and, type Column, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { ExpenditureCategory } from "#db/schema";
import { allocations, expenditures, fundingSources } from "#db/schema";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";

/** The days money is counted on, inclusive; an open end counts everything on that side. */
export type MoneySpan = { from?: string; to?: string };

function within(column: Column, { from, to }: MoneySpan): SQL | undefined {
  return and(
    from ? sql`${column} >= ${from}::date` : undefined,
    to ? sql`${column} <= ${to}::date` : undefined,
  );
}

/** Allocations dated within the span. */
export const allocatedWithin = (span: MoneySpan) => within(allocations.allocatedOn, span);
/** Expenditures (and reversals) dated within the span. */
export const spentWithin = (span: MoneySpan) => within(expenditures.spentOn, span);

/** Σ allocations of the selected rows, in fen. */
export const allocatedSum = sql<number>`coalesce(sum(${allocations.amountFen}), 0)::float8`;
/** Σ allocations of the selected rows that meet a condition (a `filter (where …)`), in fen. */
export function allocatedSumWhere(condition: SQL): SQL<number> {
  return sql<number>`coalesce(sum(${allocations.amountFen}) filter (where ${condition}), 0)::float8`;
}
/** Σ expenditures of the selected rows, reversals netted out, in fen. */
export const spentSum = sql<number>`coalesce(sum(${expenditures.amountFen}), 0)::float8`;

/** Allocated to the contract whose id is `contractId` (a column of the outer query), as a scalar subquery. */
export function allocatedToContract(contractId: Column, span: MoneySpan): SQL<number> {
  return sql<number>`(select ${allocatedSum} from ${allocations}
    where ${allocations.contractId} = ${contractId} and ${allocatedWithin(span) ?? sql`true`})`;
}

/** Spent under the contract whose id is `contractId` (a column of the outer query), as a scalar subquery. */
export function spentUnderContract(contractId: Column, span: MoneySpan): SQL<number> {
  return sql<number>`(select ${spentSum} from ${expenditures}
    where ${expenditures.contractId} = ${contractId} and ${spentWithin(span) ?? sql`true`})`;
}

const none = [-1];
const ids = (contractIds: number[]) => (contractIds.length ? contractIds : none);

/** Allocated to and spent under each contract in the span (contracts with neither are absent). */
export async function moneyByContract(
  contractIds: number[],
  span: MoneySpan,
  db: DbOrTx = defaultDb,
): Promise<Map<number, { allocatedFen: number; spentFen: number }>> {
  const [allocated, spent] = await Promise.all([
    db
      .select({ contractId: allocations.contractId, fen: allocatedSum })
      .from(allocations)
      .where(and(inArray(allocations.contractId, ids(contractIds)), allocatedWithin(span)))
      .groupBy(allocations.contractId),
    db
      .select({ contractId: expenditures.contractId, fen: spentSum })
      .from(expenditures)
      .where(and(inArray(expenditures.contractId, ids(contractIds)), spentWithin(span)))
      .groupBy(expenditures.contractId),
  ]);
  const result = new Map<number, { allocatedFen: number; spentFen: number }>();
  const entry = (id: number) => {
    const e = result.get(id) ?? { allocatedFen: 0, spentFen: 0 };
    result.set(id, e);
    return e;
  };
  for (const a of allocated) entry(a.contractId).allocatedFen = a.fen;
  for (const s of spent) entry(s.contractId).spentFen = s.fen;
  return result;
}

/** What each source allocated to each contract in the span, with the source's funding year. */
export async function allocationsBySource(contractIds: number[], span: MoneySpan, db: DbOrTx = defaultDb) {
  return db
    .select({
      contractId: allocations.contractId,
      sourceId: allocations.fundingSourceId,
      sourceYear: fundingSources.year,
      fen: allocatedSum,
    })
    .from(allocations)
    .innerJoin(fundingSources, eq(fundingSources.id, allocations.fundingSourceId))
    .where(and(inArray(allocations.contractId, ids(contractIds)), allocatedWithin(span)))
    .groupBy(allocations.contractId, allocations.fundingSourceId, fundingSources.year);
}

/** Spending of each contract by month ('YYYY-MM') in the span. */
export async function spendingByMonth(contractIds: number[], span: MoneySpan, db: DbOrTx = defaultDb) {
  const month = sql<string>`to_char(${expenditures.spentOn}, 'YYYY-MM')`;
  return db
    .select({ contractId: expenditures.contractId, month, fen: spentSum })
    .from(expenditures)
    .where(and(inArray(expenditures.contractId, ids(contractIds)), spentWithin(span)))
    .groupBy(expenditures.contractId, month);
}

/** The total of money rows already summed here (e.g. the categories of spendingByCategory), in fen. */
export function fenTotal(rows: { fen: number }[]): number {
  return rows.reduce((s, r) => s + r.fen, 0);
}

/** A contract's spending by category in the span, largest first, with the number of entries (reversals included). */
export async function spendingByCategory(
  contractId: number,
  span: MoneySpan = {},
  db: DbOrTx = defaultDb,
): Promise<{ category: ExpenditureCategory; fen: number; items: number }[]> {
  return db
    .select({
      category: expenditures.category,
      fen: spentSum,
      items: sql<number>`count(*)::int`,
    })
    .from(expenditures)
    .where(and(eq(expenditures.contractId, contractId), spentWithin(span)))
    .groupBy(expenditures.category)
    .orderBy(sql`${spentSum} desc`, expenditures.category);
}

/** The money of a list of contracts, drafts left out (they have none yet): what organization and project pages total. */
export function contractsMoney(
  rows: { status: string; amountFen: number; allocatedFen: number; spentFen: number }[],
): { amountFen: number; allocatedFen: number; spentFen: number } {
  return rows
    .filter((c) => c.status !== "draft")
    .reduce(
      (sum, c) => ({
        amountFen: sum.amountFen + c.amountFen,
        allocatedFen: sum.allocatedFen + c.allocatedFen,
        spentFen: sum.spentFen + c.spentFen,
      }),
      { amountFen: 0, allocatedFen: 0, spentFen: 0 },
    );
}

/** The funding list's footer: the total and the allocated (each source's running sum) of the sources listed. */
export function sourcesMoney(rows: { totalFen: number; allocatedFen: number }[]) {
  return {
    totalFen: rows.reduce((s, r) => s + r.totalFen, 0),
    allocatedFen: rows.reduce((s, r) => s + r.allocatedFen, 0),
  };
}
