// Deliverable progress of the contracts a list shows ("8 of 12 monthly activities"), from the contracts module's
// shared calculation, with the names the activities pages need.
import { and, asc, eq, type SQL } from "drizzle-orm";
import { careProjects, contracts, facilities, organizations } from "#db/schema";
import { contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import {
  type ActivityProgress,
  activityProgress,
  contractTermsColumns,
} from "~/modules/contracts/progress.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import type { ActivityFilters } from "./filters";

export type ContractProgressRow = {
  id: number;
  code: string;
  title: string;
  organizationName: string;
  subjectName: string;
  progress: ActivityProgress;
};

/**
 * Active contracts in scope that match the list's organization / facility / project / contract filter. Their terms
 * come with the page's own select, and no money is summed: no page that lists progress shows it.
 */
export async function progressOfActiveContracts({
  user,
  filters = {},
  asOf = todayInShanghai(),
  limit = 40,
}: {
  user: SessionUser;
  filters?: ActivityFilters;
  asOf?: string;
  limit?: number;
}): Promise<ContractProgressRow[]> {
  const where: (SQL | undefined)[] = [eq(contracts.status, "active"), contractsInScope(user)];
  if (filters.organization) where.push(eq(contracts.organizationId, filters.organization));
  if (filters.facility) where.push(eq(contracts.facilityId, filters.facility));
  if (filters.project) where.push(eq(contracts.careProjectId, filters.project));
  if (filters.contract) where.push(eq(contracts.id, filters.contract));
  const rows = await db
    .select({
      ...contractTermsColumns,
      code: contracts.code,
      title: contracts.title,
      organizationName: organizations.name,
      facilityName: facilities.name,
      projectName: careProjects.name,
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .where(and(...where))
    .orderBy(asc(contracts.code))
    .limit(limit);
  const progress = await activityProgress(rows, { asOf });
  // Contracts behind schedule first: they are what a reviewer looks for.
  return rows
    .filter((r) => progress.has(r.id))
    .sort((a, b) => Number(progress.get(b.id)!.behind) - Number(progress.get(a.id)!.behind))
    .map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      organizationName: r.organizationName,
      subjectName: r.facilityName ?? r.projectName ?? "",
      progress: progress.get(r.id)!,
    }));
}
