// A visit to a household: one form, an outcome per member. Each member's visit is recorded by the visits module's
// own step (`applyOutcome`: the next routine visit, follow-ups, transfers, plausibility, its audit entry), all in
// one transaction under one form key (ADR 008): one refusal stores nothing for anyone.
import { eq } from "drizzle-orm";
import { householdMembers } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldProblem } from "~/modules/kernel/messages";
import { refuse } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { lockVisit, visitWrite, type Writer } from "~/modules/visits/mutations.server";
import { applyOutcome } from "~/modules/visits/outcome.server";
import { lockHousehold } from "./mutations.server";
import type { HouseholdVisitInput } from "./schemas";

export type HouseholdVisited = {
  id: number;
  visits: { personId: number; visitId: number; outcome: string }[];
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
    for (const [i, m] of input.members.entries()) {
      if (!m.outcome) continue;
      const field = `members[${i}].outcome`;
      const visit = await lockVisit(tx, user, m.visitId);
      if (!visit || !members.has(visit.personId))
        refuse(fieldProblem(field, "households:errors.notAMemberVisit"));
      if (visit.status !== "scheduled") refuse(fieldProblem(field, "visits:errors.alreadyRecorded"));
      // A form older than the visit (rescheduled or reassigned meanwhile): nothing is stored, the page shows it anew.
      if (m.baseVersion !== undefined && m.baseVersion !== visit.version)
        refuse(fieldProblem(field, "households:errors.visitChanged"));
      await applyOutcome(tx, {
        user,
        actor,
        visit,
        now,
        input: {
          outcome: m.outcome,
          visitedOn: input.visitedOn,
          visitedTime: input.visitedTime,
          notes: m.notes,
          followUpReason: m.followUpReason,
          followUpOn: m.followUpOn,
          returnOn: m.returnOn,
          destination: m.destination,
        },
      });
      recorded.push({ personId: visit.personId, visitId: visit.id, outcome: m.outcome });
    }
    await recordAudit(tx, actor, {
      action: "household.visit",
      entityType: "household",
      entityId: householdId,
      changes: { visitedOn: input.visitedOn, visits: recorded },
    });
    return { id: householdId, visits: recorded };
  });
}
