// What the contract page shows of the sign-off and the evaluations, and whether the user may record one.
import type { ContractStatus } from "#db/schema";
import { userCan } from "~/modules/access/guard.server";
import type { SessionUser } from "~/modules/access/types";
import { canManageContracts } from "~/modules/contracts/mutations.server";
import { contractEvaluationList } from "./evaluations.server";
import { signoffCounts } from "./queries.server";

export async function contractAccountability(
  user: SessionUser,
  contract: { id: number; status: ContractStatus; startsOn: string; endsOn: string },
) {
  const draft = contract.status === "draft";
  const [evaluations, signoff] = await Promise.all([
    contractEvaluationList(user, contract.id),
    draft ? null : signoffCounts(contract.id, contract.startsOn, contract.endsOn),
  ]);
  return {
    evaluations,
    signoff,
    canEvaluate: !draft && userCan(user, "write:evaluation") && canManageContracts(user),
  };
}
