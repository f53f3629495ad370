// Linking people in care to an activity also counts toward their home visits. The visits module owns that rule
// (creditVisitsFromActivity); this is the one place the activities module calls it, inside the logging transaction.
import { creditVisitsFromActivity } from "~/modules/visits/mutations.server";
import type { Tx } from "~/utils/db.server";

export type VisitCredit = { personIds: number[]; occurredOn: string; activityId: number; userId: number };

/** Completes the linked people's open visits due around the activity and schedules their next routine ones. */
export async function creditLinkedPeopleVisits(
  tx: Tx,
  credit: VisitCredit,
): Promise<{ completedVisitIds: number[] }> {
  if (credit.personIds.length === 0) return { completedVisitIds: [] };
  const { completedVisitIds } = await creditVisitsFromActivity(tx, credit);
  return { completedVisitIds };
}
