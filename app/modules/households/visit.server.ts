// A visit to a household: one form, an outcome per member. Each member's visit is recorded by the visits module's
// own step (`applyOutcome`: the next routine visit, follow-ups, transfers, plausibility, its audit entry), all in
// one transaction under one form key (ADR 008): one refusal stores nothing for anyone. A member's visit changed
// meanwhile (recorded, rescheduled or reassigned by someone else) is kept as a conflict for review, as the visit's own
// form keeps it (ADR 014), while the other members' outcomes are recorded.
import { eq } from "drizzle-orm";
import { householdMembers } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { isStale } from "~/modules/kernel/conflicts.server";
import { fieldProblem } from "~/modules/kernel/messages";
import { refuse } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { lockVisit, visitWrite, type Writer } from "~/modules/visits/mutations.server";
import { applyOutcome, conflictOf } from "~/modules/visits/outcome.server";
import { lockHousehold } from "./mutations.server";
import type { HouseholdVisitInput } from "./schemas";

export type HouseholdVisited = {
  id: number;
  visits: { personId: number; visitId: number; outcome: string }[];
  /** Members whose outcome met a newer visit: kept in the conflict review list, not applied. */
  conflicts: { personId: number; visitId: number; conflictId: number }[];
};

export async function recordHouseholdVisit({
  householdId,
  input,
  ...writer
}: Writer & {
  householdId: number;
  input: HouseholdVisitInput;
}): Promise<WriteResult<HouseholdVisited> | null> {
  const { user, actor, now = new Date() } = writer;
  return visitWrite(writer, "household.visit", async (tx) => {
    const household = await lockHousehold(tx, user, householdId);
    if (!household) return null;
    const members = new Set(
      (
        await tx
          .select({ personId: householdMembers.personId })
          .from(householdMembers)
          .where(eq(householdMembers.householdId, householdId))
      ).map((m) => m.personId),
    );
    const recorded: HouseholdVisited["visits"] = [];
    const conflicted: HouseholdVisited["conflicts"] = [];
    for (const [i, m] of input.members.entries()) {
      if (!m.outcome) continue;
      const field = `members[${i}].outcome`;
      const visit = await lockVisit(tx, user, m.visitId);
      if (!visit || !members.has(visit.personId))
        refuse(fieldProblem(field, "households:errors.notAMemberVisit"));
      // Only what this outcome asks for (the schema checks those): a stray date of another outcome is not kept,
      // neither in the visit nor in a conflict's "yours".
      const outcome = {
        outcome: m.outcome,
        visitedOn: input.visitedOn,
        visitedTime: input.visitedTime,
        notes: m.notes,
        followUpReason: m.outcome === "needs_follow_up" ? m.followUpReason : undefined,
        followUpOn: m.outcome === "needs_follow_up" ? m.followUpOn : undefined,
        returnOn: m.outcome === "hospitalised" ? m.returnOn : undefined,
        destination: m.outcome === "moved" ? m.destination : undefined,
      };
      // As the visit's own form: with the version the form was rendered from, a visit changed meanwhile becomes a
      // conflict; without one (an old client), a visit already recorded is refused.
      const stale =
        m.baseVersion !== undefined && (isStale(m.baseVersion, visit) || visit.status !== "scheduled");
      if (stale) {
        const { conflict } = await conflictOf(tx, {
          actor,
          userId: user.id,
          visit,
          input: { ...outcome, baseVersion: m.baseVersion, photoIds: [] },
        });
        conflicted.push({ personId: visit.personId, visitId: visit.id, conflictId: conflict.id });
        continue;
      }
      if (visit.status !== "scheduled") refuse(fieldProblem(field, "visits:errors.alreadyRecorded"));
      await applyOutcome(tx, { user, actor, visit, now, input: outcome });
      recorded.push({ personId: visit.personId, visitId: visit.id, outcome: m.outcome });
    }
    await recordAudit(tx, actor, {
      action: "household.visit",
      entityType: "household",
      entityId: householdId,
      changes: { visitedOn: input.visitedOn, visits: recorded, conflicts: conflicted },
    });
    return { id: householdId, visits: recorded, conflicts: conflicted };
  });
}
