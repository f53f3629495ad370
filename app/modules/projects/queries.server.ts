// Reading the care project register (关爱项目) and one project's page: its contracts, money and activities.
import { and, asc, count, eq, gte, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import {
  activities,
  type CareProjectKind,
  careProjects,
  contracts,
  organizations,
  regions,
} from "#db/schema";
import { roleHas } from "~/modules/access/permissions";
import { managedRegion } from "~/modules/access/region-choices.server";
import { careProjectsInScope, contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { contractSummaries } from "~/modules/contracts/summaries.server";
import { contractsMoney } from "~/modules/funding/sums.server";
import { containsPattern } from "~/modules/kernel/search-params";
import { activitySummary, underRegionCode } from "~/modules/organizations/queries.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";

export const projectPhases = ["current", "upcoming", "ended"] as const;
type ProjectPhase = (typeof projectPhases)[number];

export type ProjectFilters = { q?: string; kind?: CareProjectKind; region?: string; phase?: ProjectPhase };

function phaseCondition(phase: ProjectPhase | undefined, today: string): SQL | undefined {
  switch (phase) {
    case "current":
      return and(sql`${careProjects.startsOn} <= ${today}`, gte(careProjects.endsOn, today));
    case "upcoming":
      return sql`${careProjects.startsOn} > ${today}`;
    case "ended":
      return lt(careProjects.endsOn, today);
    default:
      return undefined;
  }
}

export async function listProjects({
  user,
  filters,
  page,
  pageSize = 25,
  today = todayInShanghai(),
}: {
  user: SessionUser;
  filters: ProjectFilters;
  page: number;
  pageSize?: number;
  today?: string;
}) {
  const q = filters.q?.trim();
  const where = and(
    careProjectsInScope(user),
    q
      ? or(ilike(careProjects.name, containsPattern(q)), ilike(careProjects.code, containsPattern(q)))
      : undefined,
    filters.kind ? eq(careProjects.kind, filters.kind) : undefined,
    filters.region ? underRegionCode(careProjects.regionId, filters.region) : undefined,
    phaseCondition(filters.phase, today),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: careProjects.id,
        code: careProjects.code,
        name: careProjects.name,
        kind: careProjects.kind,
        startsOn: careProjects.startsOn,
        endsOn: careProjects.endsOn,
        regionName: regions.name,
        runBy: sql<
          string | null
        >`(select string_agg(${organizations.name}, '、' order by ${organizations.name})
          from ${contracts} join ${organizations} on ${organizations.id} = ${contracts.organizationId}
          where ${contracts.careProjectId} = ${careProjects.id} and ${literalEq(contracts.status, "active")})`,
        activeContracts: sql<number>`(select count(*)::int from ${contracts}
          where ${contracts.careProjectId} = ${careProjects.id} and ${literalEq(contracts.status, "active")})`,
      })
      .from(careProjects)
      .innerJoin(regions, eq(regions.id, careProjects.regionId))
      .where(where)
      .orderBy(asc(regions.code), asc(careProjects.code))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(careProjects).where(where),
  ]);
  return { rows, total };
}

export async function getProject({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await db
    .select({
      project: careProjects,
      regionName: regions.name,
      regionCode: regions.code,
      canEdit: sql<boolean>`${managedRegion(user, careProjects.regionId)}`,
    })
    .from(careProjects)
    .innerJoin(regions, eq(regions.id, careProjects.regionId))
    .where(and(eq(careProjects.id, id), careProjectsInScope(user)));
  if (!row) return null;
  return {
    ...row.project,
    regionName: row.regionName,
    regionCode: row.regionCode,
    canEdit: roleHas(user.role, "write:project") && Boolean(row.canEdit),
  };
}

export async function projectPage({ user, id }: { user: SessionUser; id: number }) {
  const project = await getProject({ user, id });
  if (!project) return null;
  const [contractRows, activity] = await Promise.all([
    contractSummaries({ user, where: eq(contracts.careProjectId, id) }),
    activitySummary(
      and(
        eq(activities.careProjectId, id),
        sql`${activities.contractId} in (select ${contracts.id} from ${contracts} where ${contractsInScope(user)})`,
      )!,
    ),
  ]);
  return { project, contracts: contractRows, activity, money: contractsMoney(contractRows) };
}
