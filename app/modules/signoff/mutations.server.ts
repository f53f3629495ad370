// The monthly sign-off: the organization submits a month of a contract (its figures are kept as submitted); the
// planner approves it (the month is locked, see lock.server.ts) or returns it with a comment; an approved month is
// reopened only by a planner, with a reason. Every step is a conditional update on the month's state, and audited.
import { and, eq } from "drizzle-orm";
import { contractMonths, type MonthSignoffStatus } from "#db/schema";
import { roleHas } from "~/modules/access/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { canManageContracts } from "~/modules/contracts/mutations.server";
import { fieldProblem, formProblem } from "~/modules/kernel/messages";
import { refuse } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { todayInShanghai } from "~/utils/dates";
import type { Tx } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import { type ContractStep, contractWrite, refuseDraft } from "./contract.server";
import { reportingMonths } from "./months";
import type { SignoffInput } from "./schemas";
import { monthSummary } from "./summary.server";

type Done = { contractId: number; month: string; status: MonthSignoffStatus };

async function monthRow(tx: Tx, contractId: number, month: string) {
  const [row] = await tx
    .select({ status: contractMonths.status })
    .from(contractMonths)
    .where(and(eq(contractMonths.contractId, contractId), eq(contractMonths.month, month)))
    .for("update");
  return row ?? null;
}

/** The month is not in the state the step needs: say which state it is in (someone else acted first). */
const wrongState = (status: MonthSignoffStatus | "unsubmitted") =>
  formProblem(`signoff:errors.state.${status}`);

/** The organization submits (or resubmits, after a return or a reopening) one month of its contract. */
export async function submitMonth({
  user,
  actor,
  key,
  contractId,
  input,
  now = new Date(),
}: ContractStep<Extract<SignoffInput, { intent: "submit" }>>): Promise<WriteResult<Done> | null> {
  // why: two submissions of a month nobody submitted before both find no row to lock; the second insert meets the
  // unique key and is told the month is submitted already.
  const explain = (error: unknown) =>
    isConstraintError(error, "contract_months_contract_month_unique") ? wrongState("submitted") : null;
  const options = { action: "signoff.submit", explain, allowed: roleHas(user.role, "submit:signoff") };
  return contractWrite({ user, key, contractId }, options, async (tx, contract) => {
    refuseDraft(contract);
    const { month } = input;
    if (!reportingMonths(contract.startsOn, contract.endsOn, todayInShanghai(now)).includes(month))
      refuse(fieldProblem("month", "signoff:errors.monthOutside"));
    const before = await monthRow(tx, contractId, month);
    if (before && (before.status === "submitted" || before.status === "approved"))
      refuse(wrongState(before.status));
    const summary = await monthSummary(tx, contractId, month);
    const values = {
      status: "submitted" as const,
      summary,
      note: input.note ?? null,
      submittedAt: now,
      submittedBy: user.id,
      decidedAt: null,
      decidedBy: null,
    };
    if (before)
      await tx
        .update(contractMonths)
        .set(values)
        .where(and(eq(contractMonths.contractId, contractId), eq(contractMonths.month, month)));
    else await tx.insert(contractMonths).values({ contractId, month, ...values });
    await recordAudit(tx, actor, {
      action: "signoff.submit",
      entityType: "contract",
      entityId: contractId,
      changes: { month, status: { from: before?.status ?? "unsubmitted", to: "submitted" }, ...summary },
      reason: input.note ?? null,
    });
    return { contractId, month, status: "submitted" };
  });
}

type Decision = Exclude<SignoffInput, { intent: "submit" }>;

const decisions = {
  approve: { from: "submitted", to: "approved", action: "signoff.approve" },
  return: { from: "submitted", to: "returned", action: "signoff.return" },
  reopen: { from: "approved", to: "reopened", action: "signoff.reopen" },
} as const satisfies Record<
  Decision["intent"],
  { from: MonthSignoffStatus; to: MonthSignoffStatus; action: string }
>;

/** The planner approves or returns a submitted month, or reopens an approved one (which lifts its lock). */
export async function decideMonth({
  user,
  actor,
  key,
  contractId,
  input,
  now = new Date(),
}: ContractStep<Decision>): Promise<WriteResult<Done> | null> {
  const step = decisions[input.intent];
  const allowed = roleHas(user.role, "review:signoff") && canManageContracts(user);
  return contractWrite({ user, key, contractId }, { action: step.action, allowed }, async (tx) => {
    const comment = input.comment ?? null;
    // why: the state it must be in is part of the WHERE, so two planners deciding at once cannot both succeed.
    const [row] = await tx
      .update(contractMonths)
      .set({ status: step.to, comment, decidedAt: now, decidedBy: user.id })
      .where(
        and(
          eq(contractMonths.contractId, contractId),
          eq(contractMonths.month, input.month),
          eq(contractMonths.status, step.from),
        ),
      )
      .returning({ id: contractMonths.id });
    if (!row) {
      const current = await monthRow(tx, contractId, input.month);
      refuse(wrongState(current?.status ?? "unsubmitted"));
    }
    await recordAudit(tx, actor, {
      action: step.action,
      entityType: "contract",
      entityId: contractId,
      changes: { month: input.month, status: { from: step.from, to: step.to } },
      reason: comment,
    });
    return { contractId, month: input.month, status: step.to };
  });
}
