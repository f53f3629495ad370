// Funding sources (资金来源): the register with what is allocated and left, one source with its allocations,
// and creating/editing them (planners of the region that holds the money). Every write is audited.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import {
  allocations,
  contracts,
  type FundingSourceKind,
  fundingSources,
  organizations,
  regions,
  users,
} from "#db/schema";
import { fundingSourcesInScope, fundingSourcesManagedBy } from "~/modules/access/funding-scope.server";
import { refuseUnlessManaged } from "~/modules/access/region-choices.server";
import { contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { fieldProblem, message } from "~/modules/kernel/messages";
import { type RowEdit, type Writer, write, writeWithoutKey } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import { formatYuan } from "~/utils/format";
import { allocationColumns, newestAllocationsFirst } from "./allocation-rows.server";
import type { FundingSourceInput } from "./schemas";

export const ALLOCATED_RANGE = "funding_sources_allocated_range";

export type FundingSourceRow = {
  id: number;
  name: string;
  kind: FundingSourceKind;
  donorProvince: string | null;
  year: number;
  regionName: string;
  totalFen: number;
  allocatedFen: number;
  contracts: number;
  canManage: boolean;
};

function sourceColumns(user: SessionUser) {
  return {
    id: fundingSources.id,
    name: fundingSources.name,
    kind: fundingSources.kind,
    donorProvince: fundingSources.donorProvince,
    year: fundingSources.year,
    regionId: fundingSources.regionId,
    regionName: regions.name,
    totalFen: fundingSources.totalFen,
    allocatedFen: fundingSources.allocatedFen,
    notes: fundingSources.notes,
    contracts: sql<number>`(select count(distinct ${allocations.contractId})::int from ${allocations}
      where ${allocations.fundingSourceId} = ${fundingSources.id})`,
    canManage: sql<boolean>`${fundingSourcesManagedBy(user)}`,
  };
}

export async function listFundingSources({
  user,
  year,
  kind,
}: {
  user: SessionUser;
  year?: number;
  kind?: FundingSourceKind;
}): Promise<FundingSourceRow[]> {
  const rows = await db
    .select(sourceColumns(user))
    .from(fundingSources)
    .innerJoin(regions, eq(regions.id, fundingSources.regionId))
    .where(
      and(
        fundingSourcesInScope(user),
        year ? eq(fundingSources.year, year) : undefined,
        kind ? eq(fundingSources.kind, kind) : undefined,
      ),
    )
    .orderBy(
      desc(fundingSources.year),
      asc(regions.code),
      asc(fundingSources.kind),
      asc(fundingSources.name),
    );
  return rows.map((r) => ({ ...r, canManage: Boolean(r.canManage) }));
}

/** Years that have sources the user sees, newest first. */
export async function fundingYears(user: SessionUser): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: fundingSources.year })
    .from(fundingSources)
    .where(fundingSourcesInScope(user))
    .orderBy(desc(fundingSources.year));
  return rows.map((r) => r.year);
}

export async function getFundingSource({ user, id }: { user: SessionUser; id: number }) {
  const [row] = await db
    .select(sourceColumns(user))
    .from(fundingSources)
    .innerJoin(regions, eq(regions.id, fundingSources.regionId))
    .where(and(eq(fundingSources.id, id), fundingSourcesInScope(user)));
  return row ? { ...row, canManage: Boolean(row.canManage) } : null;
}

/** Allocations out of a source, newest first; contracts outside the user's scope are left out. */
export async function sourceAllocations({ user, sourceId }: { user: SessionUser; sourceId: number }) {
  return db
    .select({
      ...allocationColumns,
      contractId: contracts.id,
      contractCode: contracts.code,
      contractTitle: contracts.title,
      contractStatus: contracts.status,
      organizationName: organizations.name,
      createdByName: users.name,
    })
    .from(allocations)
    .innerJoin(contracts, eq(contracts.id, allocations.contractId))
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .leftJoin(users, eq(users.id, allocations.createdBy))
    .where(and(eq(allocations.fundingSourceId, sourceId), contractsInScope(user)))
    .orderBy(...newestAllocationsFirst);
}

function values(input: FundingSourceInput) {
  return {
    name: input.name,
    kind: input.kind,
    donorProvince: input.donorProvince ?? null,
    year: input.year,
    regionId: input.regionId,
    totalFen: input.total,
    notes: input.notes ?? null,
  };
}

export async function createFundingSource({
  user,
  actor,
  key,
  input,
}: Writer & { input: FundingSourceInput }): Promise<WriteResult | null> {
  return write({ user, key, action: "funding_source.create" }, async (tx) => {
    await refuseUnlessManaged(user, input.regionId);
    const [row] = await tx.insert(fundingSources).values(values(input)).returning({ id: fundingSources.id });
    await recordAudit(tx, actor, {
      action: "funding_source.create",
      entityType: "funding_source",
      entityId: row.id,
      changes: values(input),
    });
    return { id: row.id };
  });
}

/** The money is held by a region the planner manages. */

export async function updateFundingSource({
  user,
  actor,
  id,
  input,
}: RowEdit<FundingSourceInput>): Promise<WriteResult | null> {
  const explain = async (error: unknown) => {
    if (!isConstraintError(error, ALLOCATED_RANGE)) return null;
    const [now] = await db
      .select({ allocatedFen: fundingSources.allocatedFen })
      .from(fundingSources)
      .where(eq(fundingSources.id, id));
    return fieldProblem(
      "total",
      message("funding:errors.totalBelowAllocated", {
        allocated: formatYuan(now?.allocatedFen ?? 0, user.locale),
      }),
    );
  };
  return writeWithoutKey({ explain }, async (tx) => {
    await refuseUnlessManaged(user, input.regionId);
    // why: the row lock makes a concurrent allocation wait, so the CHECK compares the new total with the final sum.
    const [before] = await tx
      .select()
      .from(fundingSources)
      .where(and(eq(fundingSources.id, id), fundingSourcesManagedBy(user)))
      .for("update");
    if (!before) return null;
    const next = values(input);
    await tx.update(fundingSources).set(next).where(eq(fundingSources.id, id));
    await recordAudit(tx, actor, {
      action: "funding_source.update",
      entityType: "funding_source",
      entityId: id,
      changes: diffChanges(before, next),
    });
    return { id };
  });
}
