// Expenditures (支出) under a contract: the list, recording one, and reversing (冲销) a mistaken one. Organization staff
// write for their own organization's contracts, planners for their region's; the date must fall inside the contract
// period. A mistake is never edited or deleted: a reversal row cancels it, so every total nets it out and the
// history stays readable.

import { and, count, desc, eq, isNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { activities, contracts, type ExpenditureCategory, expenditures, users } from "#db/schema";
import { contractsInScope } from "~/modules/access/scope.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldProblem, formProblem, message } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { lockedMonthOf } from "~/modules/signoff/lock.server";
import { todayInShanghai } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import type { ExpenditureInput, ExpenditureReversalInput } from "./schemas";
import { spendingByCategory } from "./sums.server";

const reversal = alias(expenditures, "reversal");

export async function listExpenditures({
  contractId,
  category,
  page,
  pageSize = 50,
}: {
  contractId: number;
  category?: ExpenditureCategory;
  page: number;
  pageSize?: number;
}) {
  const where: SQL | undefined = and(
    eq(expenditures.contractId, contractId),
    category ? eq(expenditures.category, category) : undefined,
  );
  const [rows, [{ total }], byCategory] = await Promise.all([
    db
      .select({
        id: expenditures.id,
        spentOn: expenditures.spentOn,
        category: expenditures.category,
        amountFen: expenditures.amountFen,
        description: expenditures.description,
        activityId: expenditures.activityId,
        activityOn: activities.occurredOn,
        activityKind: activities.kind,
        createdByName: users.name,
        createdAt: expenditures.createdAt,
        reversesId: expenditures.reversesId,
        reversalReason: expenditures.reversalReason,
        reversedById: reversal.id,
        reversedReason: reversal.reversalReason,
        reversedAt: reversal.createdAt,
      })
      .from(expenditures)
      .leftJoin(activities, eq(activities.id, expenditures.activityId))
      .leftJoin(users, eq(users.id, expenditures.createdBy))
      .leftJoin(reversal, eq(reversal.reversesId, expenditures.id))
      .where(where)
      .orderBy(desc(expenditures.spentOn), desc(expenditures.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(expenditures).where(where),
    spendingByCategory(contractId),
  ]);
  return { rows, total, byCategory };
}

/** Recent activities under the contract, to link an expenditure to (optional). */
export async function activityChoices(contractId: number) {
  return db
    .select({
      id: activities.id,
      occurredOn: activities.occurredOn,
      kind: activities.kind,
      summary: activities.summary,
    })
    .from(activities)
    .where(and(eq(activities.contractId, contractId), isNull(activities.deletedAt)))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(200);
}

export async function recordExpenditure({
  user,
  actor,
  key,
  contractId,
  input,
  today = todayInShanghai(),
}: Writer & { contractId: number; input: ExpenditureInput; today?: string }): Promise<WriteResult | null> {
  return write({ user, key, action: "expenditure.create" }, async (tx) => {
    const [contract] = await tx
      .select({
        id: contracts.id,
        status: contracts.status,
        startsOn: contracts.startsOn,
        endsOn: contracts.endsOn,
      })
      .from(contracts)
      .where(and(eq(contracts.id, contractId), contractsInScope(user)));
    if (!contract) return null;
    if (contract.status === "draft") refuse(formProblem("funding:errors.draftContract"));
    if (input.spentOn < contract.startsOn || input.spentOn > contract.endsOn)
      refuse(
        fieldProblem(
          "spentOn",
          message("funding:errors.outsidePeriod", { startsOn: contract.startsOn, endsOn: contract.endsOn }),
        ),
      );
    if (input.spentOn > today) refuse(fieldProblem("spentOn", "validation.futureDate"));
    const locked = await lockedMonthOf(tx, contract.id, [input.spentOn]);
    if (locked) refuse(fieldProblem("spentOn", message("funding:errors.monthLocked", { month: locked })));
    if (input.activityId) {
      const [activity] = await tx
        .select({ id: activities.id })
        .from(activities)
        .where(
          and(
            eq(activities.id, input.activityId),
            eq(activities.contractId, contract.id),
            isNull(activities.deletedAt),
          ),
        );
      if (!activity) refuse(fieldProblem("activityId", "funding:errors.activityNotOfContract"));
    }
    const row = {
      contractId: contract.id,
      spentOn: input.spentOn,
      category: input.category,
      amountFen: input.amount,
      description: input.description,
      activityId: input.activityId ?? null,
    };
    const [inserted] = await tx
      .insert(expenditures)
      .values({ ...row, createdBy: user.id })
      .returning({ id: expenditures.id });
    await recordAudit(tx, actor, {
      action: "expenditure.create",
      entityType: "expenditure",
      entityId: inserted.id,
      changes: row,
    });
    return { id: inserted.id };
  });
}

/**
 * Reverses a mistaken expenditure: a new row with the negated amount, the original's date and category, and the
 * reason. Null when the contract or the expenditure is not the user's to see (404). Refused: a reversal itself, and
 * an expenditure already reversed (also when two people try at once: the database keeps one reversal per row).
 */
export async function reverseExpenditure({
  user,
  actor,
  key,
  contractId,
  input,
}: Writer & { contractId: number; input: ExpenditureReversalInput }): Promise<WriteResult | null> {
  const explain = (error: unknown) =>
    isConstraintError(error, "expenditures_one_reversal")
      ? formProblem("funding:errors.alreadyReversed")
      : null;
  return write({ user, key, action: "expenditure.reverse", explain }, async (tx) => {
    const [original] = await tx
      .select({
        id: expenditures.id,
        contractId: expenditures.contractId,
        spentOn: expenditures.spentOn,
        category: expenditures.category,
        amountFen: expenditures.amountFen,
        description: expenditures.description,
        reversesId: expenditures.reversesId,
        reversedById: reversal.id,
      })
      .from(expenditures)
      .innerJoin(contracts, eq(contracts.id, expenditures.contractId))
      .leftJoin(reversal, eq(reversal.reversesId, expenditures.id))
      .where(
        and(
          eq(expenditures.id, input.expenditureId),
          eq(expenditures.contractId, contractId),
          contractsInScope(user),
        ),
      );
    if (!original) return null;
    if (original.reversesId !== null) refuse(formProblem("funding:errors.cannotReverseReversal"));
    if (original.reversedById !== null) refuse(formProblem("funding:errors.alreadyReversed"));
    const locked = await lockedMonthOf(tx, original.contractId, [original.spentOn]);
    if (locked) refuse(formProblem(message("funding:errors.monthLocked", { month: locked })));
    const row = {
      contractId: original.contractId,
      spentOn: original.spentOn,
      category: original.category,
      amountFen: -original.amountFen,
      description: original.description,
      reversesId: original.id,
      reversalReason: input.reason,
    };
    const [inserted] = await tx
      .insert(expenditures)
      .values({ ...row, createdBy: user.id })
      .returning({ id: expenditures.id });
    await recordAudit(tx, actor, {
      action: "expenditure.reverse",
      entityType: "expenditure",
      entityId: original.id,
      changes: { ...row, reversalId: inserted.id },
    });
    return { id: inserted.id };
  });
}
