// What every sign-off step and evaluation starts from: who asks for what on which contract, and that contract read
// in the asker's scope (one outside it is a 404, never a sign that it exists).
import { and, eq } from "drizzle-orm";
import { contracts } from "#db/schema";
import { contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { formProblem } from "~/modules/kernel/messages";
import { refuse, type WriteOptions, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import type { Tx } from "~/utils/db.server";

/** A write about one contract: a month's sign-off step or an evaluation. */
export type ContractStep<Input> = Writer & {
  contractId: number;
  input: Input;
  /** The clock, pinned by tests. */
  now?: Date;
};

/** The contract, if the user's scope holds it. */
export async function contractInScope(tx: Tx, user: SessionUser, id: number) {
  const [row] = await tx
    .select({
      id: contracts.id,
      status: contracts.status,
      startsOn: contracts.startsOn,
      endsOn: contracts.endsOn,
      deliverables: contracts.deliverables,
    })
    .from(contracts)
    .where(and(eq(contracts.id, id), contractsInScope(user)));
  return row ?? null;
}

type Contract = NonNullable<Awaited<ReturnType<typeof contractInScope>>>;

/**
 * Runs a step on one contract under its form key: refused unless `allowed` (the asker's role may take the step),
 * null when the contract is outside the asker's scope, else `work` on the contract as read in the transaction.
 */
export function contractWrite<T extends Record<string, unknown>>(
  { user, key, contractId }: Pick<ContractStep<unknown>, "user" | "key" | "contractId">,
  { allowed, ...options }: Pick<WriteOptions, "action" | "explain"> & { allowed: boolean },
  work: (tx: Tx, contract: Contract) => Promise<T>,
): Promise<WriteResult<T> | null> {
  return write({ user, key, ...options }, async (tx) => {
    if (!allowed) refuse(formProblem("errors.forbidden"));
    const contract = await contractInScope(tx, user, contractId);
    return contract ? work(tx, contract) : null;
  });
}

/** Nothing is signed off or evaluated under a draft: it has not been put into force. */
export function refuseDraft(contract: { status: string }): void {
  if (contract.status === "draft") refuse(formProblem("signoff:errors.draftContract"));
}
