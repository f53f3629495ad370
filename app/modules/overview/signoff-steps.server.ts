// The home page's sign-off step, read from signoff's own list: for the organization, the months it owes (never
// submitted, returned, reopened); for the planner, the months submitted for review and those still owed. Counted by
// the list each figure opens.
import { roleHas } from "~/modules/access/permissions";
import type { SessionUser } from "~/modules/access/types";
import { listWaitingMonths } from "~/modules/signoff/queries.server";
import { todayInShanghai } from "~/utils/dates";
import type { NextStepFigure, NextStepSection } from "./next-steps";

export async function signoffNextSteps(user: SessionUser, now: Date): Promise<NextStepSection[]> {
  const submits = roleHas(user.role, "submit:signoff") && user.scope.kind === "organization";
  const reviews = roleHas(user.role, "review:signoff");
  if (!submits && !reviews) return [];
  const today = todayInShanghai(now);
  const [owed, submitted] = await Promise.all([
    listWaitingMonths({ user, filter: "todo", pageSize: 1, today }),
    reviews ? listWaitingMonths({ user, filter: "submitted", pageSize: 1, today }) : null,
  ]);
  const figures: NextStepFigure[] = [];
  if (submitted)
    figures.push({
      key: "monthsToReview",
      value: submitted.total,
      to: "/signoff?state=submitted",
      tone: submitted.total > 0 ? "warn" : "good",
      check: { kind: "total" },
    });
  figures.push({
    key: submits ? "monthsToSubmit" : "monthsOwed",
    value: owed.total,
    to: "/signoff?state=todo",
    tone: owed.total > 0 ? (submits ? "bad" : "warn") : "good",
    check: { kind: "total" },
  });
  return [{ key: "signoff", figures }];
}
