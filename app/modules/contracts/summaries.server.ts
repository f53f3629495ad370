// Contract rows as lists show them (organization, what it runs, money allocated and spent), limited to the user's scope.
// Shared by the contract register, the organization and project pages, and the budget dashboard.
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import { careProjects, contracts, facilities, organizations, regions } from "#db/schema";
import { contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { allocatedToContract, spentUnderContract } from "~/modules/funding/sums.server";
import { todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";
import type { ContractSummary } from "./summary";

export type { ContractSummary };

/** What the contract is for: its facility's or its care project's name (needs `withParties`' joins). */
export const contractSubjectName = sql<string>`coalesce(${facilities.name}, ${careProjects.name})`;

/** A contract's heading as its pages, the monthly report, the sign-off and the budget show it. */
export const contractHeading = {
  id: contracts.id,
  code: contracts.code,
  title: contracts.title,
  status: contracts.status,
  startsOn: contracts.startsOn,
  endsOn: contracts.endsOn,
  organizationId: contracts.organizationId,
  organizationName: organizations.name,
  subjectName: contractSubjectName,
};

/**
 * Joins a contract's organization and its subject (a facility or a care project) to a query over contracts. Only
 * for columns that are never null (a dynamic query keeps the columns' types as selected): `contractHeading`.
 */
export function withParties<T extends PgSelect>(query: T) {
  return query
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId));
}

const place = alias(regions, "r");

/** The facility's township or the care project's region, by name; the query left-joins both to the contract. */
export const contractPlaceName = sql<string>`(select ${place.name} from ${regions} ${place} where ${place.id} = coalesce(${facilities.townshipId}, ${careProjects.regionId}))`;

function summaryColumns(asOf: string) {
  return {
    ...contractHeading,
    amountFen: contracts.amountFen,
    allocatedFen: allocatedToContract(contracts.id, { to: asOf }),
    spentFen: spentUnderContract(contracts.id, { to: asOf }),
    facilityId: contracts.facilityId,
    careProjectId: contracts.careProjectId,
    placeName: contractPlaceName,
  };
}

type Row = Omit<ContractSummary, "subjectKind" | "subjectId"> & {
  facilityId: number | null;
  careProjectId: number | null;
};

function toSummary(row: Row): ContractSummary {
  const { facilityId, careProjectId, ...rest } = row;
  return {
    ...rest,
    subjectKind: facilityId ? "facility" : "project",
    subjectId: (facilityId ?? careProjectId)!,
  };
}

/** Contracts in the user's scope matching `where`, newest first (or by code). */
export async function contractSummaries({
  user,
  where,
  asOf = todayInShanghai(),
  order = "newest",
  limit,
  offset,
  db = defaultDb,
}: {
  user: SessionUser;
  where?: SQL;
  asOf?: string;
  order?: "newest" | "code";
  limit?: number;
  offset?: number;
  db?: DbOrTx;
}): Promise<ContractSummary[]> {
  let query = withParties(db.select(summaryColumns(asOf)).from(contracts).$dynamic())
    .where(and(contractsInScope(user), where))
    .orderBy(
      ...(order === "code"
        ? [asc(contracts.code)]
        : [desc(contracts.startsOn), asc(contracts.code), asc(contracts.id)]),
    );
  if (limit !== undefined) query = query.limit(limit);
  if (offset !== undefined) query = query.offset(offset);
  return (await query).map(toSummary);
}
