// Reading the organization register: the searchable list with party-branch coverage, and one organization's page.
import { and, asc, count, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  activities,
  contracts,
  type OrganizationKind,
  type OrganizationStatus,
  organizationKinds,
  organizationStatuses,
  organizations,
  regions,
} from "#db/schema";
import { roleHas } from "~/modules/access/permissions";
import { managedRegion, regionChoices } from "~/modules/access/region-choices.server";
import { contractsInScope, organizationsInScope, regionIdsUnder } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type ContractSummary, contractSummaries } from "~/modules/contracts/summaries.server";
import { contractsMoney } from "~/modules/funding/sums.server";
import { containsPattern } from "~/modules/kernel/search-params";
import { codePrefix, regionCodeOrUndefined } from "~/modules/regions/codes";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";
import type { OrganizationFormChoices } from "./organization-form";

/** Rows whose region lies under a region code (the filter a select of counties sends; 6 or 9 digits are read too). */
export function underRegionCode(column: SQL | AnyPgColumn, code: string): SQL | undefined {
  const normalised = regionCodeOrUndefined(code);
  if (!normalised) return undefined;
  return sql`${column} in ${regionIdsUnder(codePrefix(normalised))}`;
}

export type OrganizationFilters = {
  q?: string;
  kind?: OrganizationKind;
  status?: OrganizationStatus;
  party?: "yes" | "no";
  region?: string;
  /** "active": only organizations holding an active contract the user can see (the home page's figure). */
  contract?: "active";
};

export type OrganizationListRow = {
  id: number;
  name: string;
  creditCode: string;
  kind: OrganizationKind;
  status: OrganizationStatus;
  hasPartyBranch: boolean;
  regionName: string;
  contactName: string | null;
  contactPhone: string | null;
  activeContracts: number;
};

/** Organizations holding an active contract in the user's scope: "organizations under contract" on the home page. */
export function underActiveContract(user: SessionUser): SQL {
  return sql`${organizations.id} in (select ${contracts.organizationId} from ${contracts}
    where ${literalEq(contracts.status, "active")} and ${contractsInScope(user)})`;
}

function filterConditions(user: SessionUser, f: OrganizationFilters): (SQL | undefined)[] {
  const q = f.q?.trim();
  return [
    q
      ? or(
          ilike(organizations.name, containsPattern(q)),
          ilike(organizations.creditCode, containsPattern(q.toUpperCase())),
          ilike(organizations.contactName, containsPattern(q)),
        )
      : undefined,
    f.kind ? eq(organizations.kind, f.kind) : undefined,
    f.status ? eq(organizations.status, f.status) : undefined,
    f.party ? eq(organizations.hasPartyBranch, f.party === "yes") : undefined,
    f.region ? underRegionCode(organizations.regionId, f.region) : undefined,
    f.contract === "active" ? underActiveContract(user) : undefined,
  ];
}

export async function listOrganizations({
  user,
  filters,
  page,
  pageSize = 25,
}: {
  user: SessionUser;
  filters: OrganizationFilters;
  page: number;
  pageSize?: number;
}): Promise<{ rows: OrganizationListRow[]; total: number }> {
  const where = and(organizationsInScope(user), ...filterConditions(user, filters));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        creditCode: organizations.creditCode,
        kind: organizations.kind,
        status: organizations.status,
        hasPartyBranch: organizations.hasPartyBranch,
        regionName: regions.name,
        contactName: organizations.contactName,
        contactPhone: organizations.contactPhone,
        activeContracts: sql<number>`(select count(*)::int from ${contracts}
          where ${contracts.organizationId} = ${organizations.id} and ${literalEq(contracts.status, "active")})`,
      })
      .from(organizations)
      .innerJoin(regions, eq(regions.id, organizations.regionId))
      .where(where)
      .orderBy(asc(regions.code), asc(organizations.name))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(organizations).where(where),
  ]);
  return { rows, total };
}

/**
 * Party-organization coverage (党组织覆盖率) the prefecture reports: active organizations in scope with a party
 * branch, over all active organizations in scope. The filters of the list do not change it.
 */
export async function partyBranchCoverage(
  user: SessionUser,
): Promise<{ withBranch: number; total: number; ratio: number | null }> {
  const [row] = await db
    .select({
      withBranch: sql<number>`count(*) filter (where ${organizations.hasPartyBranch})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(organizations)
    .where(and(organizationsInScope(user), eq(organizations.status, "active")));
  return { ...row, ratio: row.total > 0 ? row.withBranch / row.total : null };
}

/** What the organization form chooses from, when registering and when editing: the regions the user may register in. */
export async function organizationFormChoices(user: SessionUser): Promise<OrganizationFormChoices> {
  return { regions: await regionChoices(user), kinds: organizationKinds, statuses: organizationStatuses };
}

export type OrganizationRecord = typeof organizations.$inferSelect & {
  regionName: string;
  regionCode: string;
};

/** One organization the user may see, or null (a 404 for the route). */
export async function getOrganization({
  user,
  id,
}: {
  user: SessionUser;
  id: number;
}): Promise<(OrganizationRecord & { canEdit: boolean }) | null> {
  const [row] = await db
    .select({
      organization: organizations,
      regionName: regions.name,
      regionCode: regions.code,
      canEdit: sql<boolean>`${managedRegion(user, organizations.regionId)}`,
    })
    .from(organizations)
    .innerJoin(regions, eq(regions.id, organizations.regionId))
    .where(and(eq(organizations.id, id), organizationsInScope(user)));
  if (!row) return null;
  return {
    ...row.organization,
    regionName: row.regionName,
    regionCode: row.regionCode,
    canEdit: roleHas(user.role, "write:organization") && Boolean(row.canEdit),
  };
}

export type ActivitySummary = {
  total: number;
  personTimes: number;
  thisYear: number;
  personTimesThisYear: number;
  lastOn: string | null;
  byKind: { kind: string; n: number; personTimes: number }[];
};

/** Activities logged under the given contracts (already limited to the user's scope). */
export async function activitySummary(where: SQL, asOf = todayInShanghai()): Promise<ActivitySummary> {
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const live = and(where, isNull(activities.deletedAt));
  const [[totals], byKind] = await Promise.all([
    db
      .select({
        total: sql<number>`count(*)::int`,
        personTimes: sql<number>`coalesce(sum(${activities.personTimes}), 0)::int`,
        thisYear: sql<number>`count(*) filter (where ${activities.occurredOn} >= ${yearStart})::int`,
        personTimesThisYear: sql<number>`coalesce(sum(${activities.personTimes}) filter (where ${activities.occurredOn} >= ${yearStart}), 0)::int`,
        lastOn: sql<string | null>`max(${activities.occurredOn})::text`,
      })
      .from(activities)
      .where(live),
    db
      .select({
        kind: activities.kind,
        n: sql<number>`count(*)::int`,
        personTimes: sql<number>`coalesce(sum(${activities.personTimes}), 0)::int`,
      })
      .from(activities)
      .where(and(live, sql`${activities.occurredOn} >= ${yearStart}`))
      .groupBy(activities.kind)
      .orderBy(sql`count(*) desc`),
  ]);
  return { ...totals, byKind };
}

export type RunningSubject = {
  kind: "facility" | "project";
  id: number;
  name: string;
  place: string;
  contractCode: string;
};

/** What the organization runs today: the subjects of its active contracts. */
function runningSubjects(rows: ContractSummary[]): RunningSubject[] {
  return rows
    .filter((c) => c.status === "active")
    .map((c) => ({
      kind: c.subjectKind,
      id: c.subjectId,
      name: c.subjectName,
      place: c.placeName,
      contractCode: c.code,
    }));
}

export async function organizationPage({ user, id }: { user: SessionUser; id: number }) {
  const organization = await getOrganization({ user, id });
  if (!organization) return null;
  const byOrganization = eq(contracts.organizationId, id);
  const [contractRows, activity] = await Promise.all([
    contractSummaries({ user, where: byOrganization }),
    activitySummary(
      and(
        eq(activities.organizationId, id),
        sql`${activities.contractId} in (select ${contracts.id} from ${contracts} where ${contractsInScope(user)})`,
      )!,
    ),
  ]);
  return {
    organization,
    contracts: contractRows,
    running: runningSubjects(contractRows),
    activity,
    money: contractsMoney(contractRows),
  };
}
