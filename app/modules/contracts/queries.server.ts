// Reading contracts: the register with filters, one contract's page (deliverables against activities, money,
// lifecycle with who and when), and the choices the contract form offers.
import { and, asc, count, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  activities,
  allocations,
  type ContractStatus,
  careProjects,
  contracts,
  facilities,
  fundingSources,
  organizations,
  regions,
  users,
} from "#db/schema";
import {
  careProjectsInScope,
  contractsInScope,
  facilitiesInScope,
  organizationsInScope,
} from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { budgetFlags, periodLeftShare } from "~/modules/contracts/budget-flags";
import { allocationColumns, newestAllocationsFirst } from "~/modules/funding/allocation-rows.server";
import { spendingByCategory } from "~/modules/funding/sums.server";
import { containsPattern } from "~/modules/kernel/search-params";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { deliverableProgress } from "./progress.server";
import { contractPlaceName, contractSummaries } from "./summaries.server";

export type ContractFilters = {
  q?: string;
  status?: ContractStatus;
  organizationId?: number;
  /** Contracts for one facility (its page links its contracts here). */
  facilityId?: number;
  subjectKind?: "facility" | "project";
  year?: number;
  /** Active contracts whose period ends within this window (the home page's "ending soon"). */
  ending?: { from: string; to: string };
};

function filterConditions(f: ContractFilters): SQL | undefined {
  const q = f.q?.trim();
  return and(
    q
      ? or(
          ilike(contracts.code, containsPattern(q)),
          ilike(contracts.title, containsPattern(q)),
          ilike(organizations.name, containsPattern(q)),
        )
      : undefined,
    f.status ? eq(contracts.status, f.status) : undefined,
    f.organizationId ? eq(contracts.organizationId, f.organizationId) : undefined,
    f.facilityId ? eq(contracts.facilityId, f.facilityId) : undefined,
    f.subjectKind === "facility" ? sql`${contracts.facilityId} is not null` : undefined,
    f.subjectKind === "project" ? sql`${contracts.careProjectId} is not null` : undefined,
    f.ending
      ? and(
          eq(contracts.status, "active"),
          sql`${contracts.endsOn} between ${f.ending.from} and ${f.ending.to}`,
        )
      : undefined,
    f.year
      ? sql`daterange(${contracts.startsOn}, ${contracts.endsOn}, '[]') && daterange(${`${f.year}-01-01`}::date, ${`${f.year}-12-31`}::date, '[]')`
      : undefined,
  );
}

export async function listContracts({
  user,
  filters,
  page,
  pageSize = 25,
  asOf = todayInShanghai(),
}: {
  user: SessionUser;
  filters: ContractFilters;
  page: number;
  pageSize?: number;
  asOf?: string;
}) {
  const where = filterConditions(filters);
  const [rows, [{ total }], statusCounts] = await Promise.all([
    contractSummaries({ user, where, asOf, limit: pageSize, offset: (page - 1) * pageSize }),
    db
      .select({ total: count() })
      .from(contracts)
      .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
      .where(and(contractsInScope(user), where)),
    db
      .select({ status: contracts.status, n: sql<number>`count(*)::int` })
      .from(contracts)
      .where(contractsInScope(user))
      .groupBy(contracts.status),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      flags: budgetFlags({ ...r, periodLeftShare: periodLeftShare(r.startsOn, r.endsOn, asOf) }),
    })),
    total,
    statusCounts: Object.fromEntries(statusCounts.map((s) => [s.status, s.n])) as Partial<
      Record<ContractStatus, number>
    >,
  };
}

/** Organizations the user may filter by or contract (in scope, by name). */
export async function organizationChoices(user: SessionUser, { activeOnly = false } = {}) {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(organizationsInScope(user), activeOnly ? eq(organizations.status, "active") : undefined))
    .orderBy(asc(organizations.name));
}

const township = alias(regions, "township");

/** What a contract may be for: facilities and care projects in the user's scope. */
export async function subjectChoices(user: SessionUser) {
  const [facilityRows, projectRows] = await Promise.all([
    db
      .select({
        id: facilities.id,
        name: facilities.name,
        kind: facilities.kind,
        place: township.name,
        status: facilities.status,
      })
      .from(facilities)
      .innerJoin(township, eq(township.id, facilities.townshipId))
      .where(facilitiesInScope(user))
      .orderBy(asc(facilities.kind), asc(township.code), asc(facilities.name)),
    db
      .select({ id: careProjects.id, name: careProjects.name, kind: careProjects.kind })
      .from(careProjects)
      .where(careProjectsInScope(user))
      .orderBy(asc(careProjects.code)),
  ]);
  return { facilities: facilityRows, projects: projectRows };
}

const createdByUser = alias(users, "created_by_user");
const activatedByUser = alias(users, "activated_by_user");
const closedByUser = alias(users, "closed_by_user");

/** One contract in the user's scope, with names for everyone involved; null when out of scope. */
export async function getContract({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await db
    .select({
      contract: contracts,
      organizationName: organizations.name,
      facilityName: facilities.name,
      facilityKind: facilities.kind,
      projectName: careProjects.name,
      placeName: contractPlaceName,
      createdByName: createdByUser.name,
      activatedByName: activatedByUser.name,
      closedByName: closedByUser.name,
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .leftJoin(createdByUser, eq(createdByUser.id, contracts.createdBy))
    .leftJoin(activatedByUser, eq(activatedByUser.id, contracts.activatedBy))
    .leftJoin(closedByUser, eq(closedByUser.id, contracts.closedBy))
    .where(and(eq(contracts.id, id), contractsInScope(user)));
  if (!row) return null;
  const { contract, ...names } = row;
  return { ...contract, ...names };
}

/**
 * True when the contract exists and the user may see it. An action asks this before it reads the form, so a post
 * to a contract out of scope is a 404 whether or not its fields are valid.
 */
export async function contractInScope({ user, id }: { user: SessionUser; id: number }): Promise<boolean> {
  const [row] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.id, id), contractsInScope(user)));
  return row !== undefined;
}

/** Allocations to a contract, newest first, with the source they came from. */
async function contractAllocations(contractId: number) {
  return db
    .select({
      ...allocationColumns,
      sourceId: fundingSources.id,
      sourceName: fundingSources.name,
      sourceKind: fundingSources.kind,
      createdByName: users.name,
    })
    .from(allocations)
    .innerJoin(fundingSources, eq(fundingSources.id, allocations.fundingSourceId))
    .leftJoin(users, eq(users.id, allocations.createdBy))
    .where(eq(allocations.contractId, contractId))
    .orderBy(...newestAllocationsFirst);
}

export async function contractPage({
  user,
  id,
  asOf = todayInShanghai(),
  withMoney,
}: {
  user: SessionUser;
  id: number;
  asOf?: string;
  withMoney: boolean;
}) {
  const contract = await getContract({ user, id });
  if (!contract) return null;
  const [progressMap, allocationRows, categories, [activityCount]] = await Promise.all([
    deliverableProgress([id], { asOf }),
    withMoney ? contractAllocations(id) : Promise.resolve([]),
    // Up to the same day as the spent total beside it (progress.money), so the categories add up to it.
    withMoney ? spendingByCategory(id, { to: asOf }) : Promise.resolve([]),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(eq(activities.contractId, id), isNull(activities.deletedAt))),
  ]);
  const progress = progressMap.get(id)!;
  const flags = budgetFlags({
    status: contract.status,
    amountFen: contract.amountFen,
    allocatedFen: progress.money.allocatedFen,
    spentFen: progress.money.spentFen,
    periodLeftShare: periodLeftShare(contract.startsOn, contract.endsOn, asOf),
  });
  return {
    contract,
    progress,
    allocations: allocationRows,
    categories,
    flags,
    activityCount: activityCount.n,
    asOf,
  };
}
