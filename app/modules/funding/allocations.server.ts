// Allocations (下拨) from a funding source to a contract. The ceiling "never more than what is left of the source"
// holds under concurrent planners: the allocation and `allocated_fen = allocated_fen + x` share one transaction,
// the UPDATE takes the source's row lock, and the CHECK (allocated ≤ total) refuses whichever would overshoot.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  allocations,
  careProjects,
  contracts,
  facilities,
  fundingSources,
  organizations,
  regions,
} from "#db/schema";
import { fundingSourcesManagedBy } from "~/modules/access/funding-scope.server";
import { contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldProblem, message } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { codePrefix } from "~/modules/regions/codes";
import { todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import { formatYuan } from "~/utils/format";
import type { AllocationInput } from "./schemas";
import { ALLOCATED_RANGE } from "./sources.server";

/** Contracts that can still receive money. */
const OPEN = ["draft", "active"] as const;

/** Sources the user may allocate from, with what is left, and the open contracts in scope. */
export async function allocationChoices(user: SessionUser) {
  const [sources, contractRows] = await Promise.all([
    db
      .select({
        id: fundingSources.id,
        name: fundingSources.name,
        year: fundingSources.year,
        totalFen: fundingSources.totalFen,
        allocatedFen: fundingSources.allocatedFen,
      })
      .from(fundingSources)
      .where(fundingSourcesManagedBy(user))
      .orderBy(desc(fundingSources.year), asc(fundingSources.name)),
    db
      .select({
        id: contracts.id,
        code: contracts.code,
        title: contracts.title,
        status: contracts.status,
        organizationName: organizations.name,
      })
      .from(contracts)
      .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
      .where(and(contractsInScope(user), inArray(contracts.status, [...OPEN])))
      .orderBy(desc(contracts.startsOn), asc(contracts.code)),
  ]);
  return { sources, contracts: contractRows };
}

/** The 12-digit code of the region where the contract's work happens (the facility's township or the project's region). */
async function contractPlaceCode(tx: DbOrTx, contractId: number): Promise<string | null> {
  const [row] = await tx
    .select({ code: regions.code })
    .from(contracts)
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .innerJoin(regions, eq(regions.id, sql`coalesce(${facilities.townshipId}, ${careProjects.regionId})`))
    .where(eq(contracts.id, contractId));
  return row?.code ?? null;
}

export async function allocateFunds({
  user,
  actor,
  key,
  input,
  today = todayInShanghai(),
}: Writer & { input: AllocationInput; today?: string }): Promise<WriteResult | null> {
  const explain = async (error: unknown) => {
    if (!isConstraintError(error, ALLOCATED_RANGE)) return null;
    const [now] = await db
      .select({ left: sql<number>`(${fundingSources.totalFen} - ${fundingSources.allocatedFen})::float8` })
      .from(fundingSources)
      .where(eq(fundingSources.id, input.fundingSourceId));
    return fieldProblem(
      "amount",
      message("funding:errors.exceedsLeft", {
        left: formatYuan(now?.left ?? 0, user.locale),
        asked: formatYuan(input.amount, user.locale),
      }),
    );
  };
  return write({ user, key, action: "allocation.create", explain }, async (tx) => {
    const [[source], [contract]] = await Promise.all([
      tx
        .select({
          id: fundingSources.id,
          regionCode: regions.code,
          regionLevel: regions.level,
          name: fundingSources.name,
        })
        .from(fundingSources)
        .innerJoin(regions, eq(regions.id, fundingSources.regionId))
        .where(and(eq(fundingSources.id, input.fundingSourceId), fundingSourcesManagedBy(user))),
      tx
        .select({ id: contracts.id, status: contracts.status })
        .from(contracts)
        .where(and(eq(contracts.id, input.contractId), contractsInScope(user))),
    ]);
    if (!source) refuse(fieldProblem("fundingSourceId", "validation.choice"));
    if (!contract) refuse(fieldProblem("contractId", "validation.choice"));
    if (!(OPEN as readonly string[]).includes(contract.status))
      refuse(fieldProblem("contractId", "funding:errors.contractClosed"));
    if (input.allocatedOn > today) refuse(fieldProblem("allocatedOn", "validation.futureDate"));
    // Money held by a bureau goes to work in its own area.
    const place = await contractPlaceCode(tx, contract.id);
    if (!place?.startsWith(codePrefix(source.regionCode, source.regionLevel)))
      refuse(fieldProblem("contractId", "funding:errors.contractOutsideRegion"));
    const [row] = await tx
      .insert(allocations)
      .values({
        fundingSourceId: source.id,
        contractId: contract.id,
        amountFen: input.amount,
        allocatedOn: input.allocatedOn,
        note: input.note ?? null,
        createdBy: user.id,
      })
      .returning({ id: allocations.id });
    await tx
      .update(fundingSources)
      .set({ allocatedFen: sql`${fundingSources.allocatedFen} + ${input.amount}` })
      .where(eq(fundingSources.id, source.id));
    await recordAudit(tx, actor, {
      action: "allocation.create",
      entityType: "allocation",
      entityId: row.id,
      changes: {
        fundingSourceId: source.id,
        contractId: contract.id,
        amountFen: input.amount,
        allocatedOn: input.allocatedOn,
        note: input.note ?? null,
      },
    });
    return { id: row.id };
  });
}
