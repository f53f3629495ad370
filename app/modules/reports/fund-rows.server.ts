// The rows behind the year in review's funds table: the sources, their allocations and the spending shared to them,
// all from the same budgetFigures the table shows (and /budget shows), so every cell's rows add up to it.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { allocations, contracts, fundingSources } from "#db/schema";
import { budgetFigures } from "~/modules/budget/dashboard.server";
import { allocatedWithin } from "~/modules/funding/sums.server";
import { db } from "~/utils/db.server";
import { id, type RegionRowsRequest, type Row, type RowsResult, rowsTable } from "./rows-query.server";

export type FundFigure = "fundingSources" | "fundAllocations" | "spending";

/** "none" asks for the contracts with nothing allocated; a number for one source; null for every source. */
function sourceParam(value: string | null): number | "none" | null {
  return value === "none" ? "none" : id(value);
}

export async function fundRows({
  user,
  figure,
  region,
  period,
  params,
}: RegionRowsRequest<FundFigure>): Promise<RowsResult> {
  const figures = await budgetFigures({
    user,
    year: period.year,
    regionPrefix: region.prefix,
    asOf: period.asOf,
  });
  const source = sourceParam(params.get("source"));
  const bySource = (sourceId: number | null) =>
    source === null || (source === "none" ? sourceId === null : sourceId === source);
  const contractById = new Map(figures.contracts.map((c) => [c.id, c]));
  const sourceById = new Map(figures.sources.map((s) => [s.id, s]));
  switch (figure) {
    case "fundingSources": {
      const rows: Row[] = figures.sources
        .filter((s) => s.id !== null && bySource(s.id))
        .map((s) => ({ name: s.name, kind: s.kind, donorProvince: s.donorProvince, amount: s.totalFen }));
      return rowsTable(
        [
          "name",
          { key: "kind", enumOf: "fundingSourceKind" },
          "donorProvince",
          { key: "amount", money: true, sum: true },
        ],
        { rows, total: rows.length },
      );
    }
    case "fundAllocations": {
      const sourceIds = figures.sources
        .flatMap((s) => (s.id !== null && bySource(s.id) ? [s.id] : []))
        .concat(-1);
      const contractIds = [...contractById.keys(), -1];
      const rows: Row[] = await db
        .select({
          date: sql<string>`${allocations.allocatedOn}::text`,
          source: fundingSources.name,
          contract: contracts.code,
          amount: sql<number>`${allocations.amountFen}::float8`,
          contractId: allocations.contractId,
        })
        .from(allocations)
        .innerJoin(fundingSources, eq(fundingSources.id, allocations.fundingSourceId))
        .innerJoin(contracts, eq(contracts.id, allocations.contractId))
        .where(
          and(
            inArray(allocations.fundingSourceId, sourceIds),
            inArray(allocations.contractId, contractIds),
            allocatedWithin({ to: period.asOf }),
          ),
        )
        .orderBy(asc(allocations.allocatedOn), asc(contracts.code), asc(allocations.id))
        .then((list) =>
          list.map(({ contractId, ...r }) => ({
            ...r,
            subject: contractById.get(contractId)?.subjectName ?? "",
          })),
        );
      return rowsTable(["date", "source", "contract", "subject", { key: "amount", money: true, sum: true }], {
        rows,
        total: rows.length,
      });
    }
    case "spending": {
      // Each contract's spending up to the report date, shared to a source by the source's part of the contract's
      // allocations and rounded per contract and source: the funds table's "spent" is the sum of these.
      const rows: Row[] = figures.shares
        .filter((s) => bySource(s.sourceId))
        .map((s) => {
          const c = contractById.get(s.contractId);
          return {
            contract: c?.code ?? "",
            subject: c?.subjectName ?? "",
            source: s.sourceId === null ? null : (sourceById.get(s.sourceId)?.name ?? ""),
            spent: s.contractSpentFen,
            share: Math.round(s.share * 1000) / 10,
            attributed: s.spentFen,
          };
        })
        .sort((a, b) => String(a.contract).localeCompare(String(b.contract)));
      return rowsTable(
        [
          "contract",
          "subject",
          "source",
          { key: "spent", money: true },
          { key: "share", numeric: true },
          { key: "attributed", money: true, sum: true },
        ],
        { rows, total: rows.length },
      );
    }
  }
}
