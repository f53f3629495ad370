// The budget dashboard's data for a region and a funding year: plain rows from SQL, arithmetic in figures.ts.
import { and, asc, desc, eq, inArray, isNotNull, like, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { allocations, careProjects, contracts, facilities, fundingSources, regions } from "#db/schema";
import { fundingSourcesInScope } from "~/modules/access/funding-scope.server";
import { contractsInScope, regionIdsUnder, regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { contractHeading, withParties } from "~/modules/contracts/summaries.server";
import { allocationsBySource, moneyByContract, spendingByMonth } from "~/modules/funding/sums.server";
import { countyCodeSql } from "~/modules/regions/code-sql.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { type BudgetFigures, type ContractInput, computeBudget } from "./figures";

const place = alias(regions, "place");
const county = alias(regions, "county");

/** The county a contract's work lies in: the first six digits of its place code, padded back to twelve. */
const countyCodeOf = sql<string>`${countyCodeSql(place.code)}`;

/**
 * A year's money in the user's scope as of a day (figures.ts has the arithmetic): on the dashboard, for the scope or
 * one county in it; in the year in review, for the report's region (`regionPrefix`, a code prefix), as of the end of
 * the period. One function, so both pages show the same allocated, spent and rate for the same region and day.
 */
export async function budgetFigures({
  user,
  year,
  countyCode,
  regionPrefix,
  asOf = todayInShanghai(),
}: {
  user: SessionUser;
  year: number;
  countyCode?: string;
  regionPrefix?: string;
  asOf?: string;
}): Promise<BudgetFigures> {
  const contractRows = await withParties(
    db
      .select({
        ...contractHeading,
        amountFen: contracts.amountFen,
        countyCode: countyCodeOf,
        countyName: county.name,
        countyLevel: county.level,
      })
      .from(contracts)
      .$dynamic(),
  )
    .innerJoin(place, eq(place.id, sql`coalesce(${facilities.townshipId}, ${careProjects.regionId})`))
    .innerJoin(county, eq(county.code, countyCodeOf))
    .where(
      and(
        contractsInScope(user),
        countyCode ? sql`${countyCodeOf} = ${countyCode}` : undefined,
        regionPrefix ? like(place.code, `${regionPrefix}%`) : undefined,
      ),
    );
  const ids = contractRows.map((c) => c.id);
  const none = [-1];
  const span = { to: asOf };
  const [allocationRows, money, monthly, sources] = await Promise.all([
    allocationsBySource(ids, span),
    moneyByContract(ids, span),
    spendingByMonth(ids, span),
    db
      .select({
        id: fundingSources.id,
        name: fundingSources.name,
        kind: fundingSources.kind,
        donorProvince: fundingSources.donorProvince,
        year: fundingSources.year,
        totalFen: fundingSources.totalFen,
        allocatedFen: fundingSources.allocatedFen,
      })
      .from(fundingSources)
      .where(
        or(
          // Sources held in the user's region (or the report's) for the year, even if nothing is allocated yet, unless
          // a county is chosen…
          countyCode
            ? sql`false`
            : and(
                eq(fundingSources.year, year),
                fundingSourcesInScope(user),
                regionPrefix ? sql`${fundingSources.regionId} in ${regionIdsUnder(regionPrefix)}` : undefined,
              ),
          // …and every source that funded the contracts shown.
          sql`${fundingSources.id} in (select ${allocations.fundingSourceId} from ${allocations} where ${inArray(allocations.contractId, ids.length ? ids : none)})`,
        ),
      ),
  ]);
  const inputs: ContractInput[] = contractRows.map(({ countyLevel, ...c }) => ({
    ...c,
    prefectureLevel: countyLevel !== "county",
  }));
  return computeBudget({
    year,
    asOf,
    contracts: inputs,
    allocations: allocationRows,
    spending: [...money].map(([contractId, m]) => ({ contractId, fen: m.spentFen })),
    monthly,
    sources,
  });
}

/** Counties (and prefectures, for their own projects) the user may pick on the dashboard. */
export async function budgetCountyChoices(user: SessionUser) {
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(inArray(regions.level, ["prefecture", "county"]), regionsInScope(user)))
    .orderBy(asc(regions.code));
}

/** Funding years the user can look at: those of sources in scope, and the current year. */
export async function budgetYears(user: SessionUser, asOf = todayInShanghai()): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: fundingSources.year })
    .from(fundingSources)
    .where(and(fundingSourcesInScope(user), isNotNull(fundingSources.year)))
    .orderBy(desc(fundingSources.year));
  const years = new Set([Number(asOf.slice(0, 4)), ...rows.map((r) => r.year)]);
  return [...years].sort((a, b) => b - a);
}
