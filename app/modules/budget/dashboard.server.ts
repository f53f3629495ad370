// The budget dashboard's data for a region and a funding year: plain rows from SQL, arithmetic in figures.ts.
import { and, asc, desc, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  allocations,
  careProjects,
  contracts,
  expenditures,
  facilities,
  fundingSources,
  organizations,
  regions,
} from "#db/schema";
import { fundingSourcesInScope } from "~/modules/access/funding-scope.server";
import { contractsInScope, regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { countyCodeSql } from "~/modules/regions/code-sql.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { type BudgetFigures, type ContractInput, computeBudget } from "./figures";

const place = alias(regions, "place");
const county = alias(regions, "county");

/** The county a contract's work lies in: the first six digits of its place code, padded back to twelve. */
const countyCodeOf = sql<string>`${countyCodeSql(place.code)}`;

export async function budgetFigures({
  user,
  year,
  countyCode,
  asOf = todayInShanghai(),
}: {
  user: SessionUser;
  year: number;
  countyCode?: string;
  asOf?: string;
}): Promise<BudgetFigures> {
  const contractRows = await db
    .select({
      id: contracts.id,
      code: contracts.code,
      title: contracts.title,
      status: contracts.status,
      startsOn: contracts.startsOn,
      endsOn: contracts.endsOn,
      amountFen: contracts.amountFen,
      organizationName: organizations.name,
      subjectName: sql<string>`coalesce(${facilities.name}, ${careProjects.name})`,
      countyCode: countyCodeOf,
      countyName: county.name,
      countyLevel: county.level,
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .innerJoin(place, eq(place.id, sql`coalesce(${facilities.townshipId}, ${careProjects.regionId})`))
    .innerJoin(county, eq(county.code, countyCodeOf))
    .where(and(contractsInScope(user), countyCode ? sql`${countyCodeOf} = ${countyCode}` : undefined));
  const ids = contractRows.map((c) => c.id);
  const none = [-1];
  const [allocationRows, spending, monthly, sources] = await Promise.all([
    db
      .select({
        contractId: allocations.contractId,
        sourceId: allocations.fundingSourceId,
        sourceYear: fundingSources.year,
        fen: sql<number>`sum(${allocations.amountFen})::float8`,
      })
      .from(allocations)
      .innerJoin(fundingSources, eq(fundingSources.id, allocations.fundingSourceId))
      .where(
        and(
          inArray(allocations.contractId, ids.length ? ids : none),
          sql`${allocations.allocatedOn} <= ${asOf}`,
        ),
      )
      .groupBy(allocations.contractId, allocations.fundingSourceId, fundingSources.year),
    db
      .select({
        contractId: expenditures.contractId,
        fen: sql<number>`sum(${expenditures.amountFen})::float8`,
      })
      .from(expenditures)
      .where(
        and(
          inArray(expenditures.contractId, ids.length ? ids : none),
          sql`${expenditures.spentOn} <= ${asOf}`,
        ),
      )
      .groupBy(expenditures.contractId),
    db
      .select({
        contractId: expenditures.contractId,
        month: sql<string>`to_char(${expenditures.spentOn}, 'YYYY-MM')`,
        fen: sql<number>`sum(${expenditures.amountFen})::float8`,
      })
      .from(expenditures)
      .where(
        and(
          inArray(expenditures.contractId, ids.length ? ids : none),
          sql`${expenditures.spentOn} <= ${asOf}`,
        ),
      )
      .groupBy(expenditures.contractId, sql`to_char(${expenditures.spentOn}, 'YYYY-MM')`),
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
          // Sources held in the user's region for the year (even if nothing is allocated yet, unless a county is chosen)…
          countyCode ? sql`false` : and(eq(fundingSources.year, year), fundingSourcesInScope(user)),
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
    spending,
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
