// Linking people in care to an activity also counts toward their home visits.
// The visits module owns that rule (creditVisitsFromActivity in app/modules/visits/mutations.server.ts);
// this is the one place the activities module calls it, inside the logging transaction.
import type { Tx } from "~/utils/db.server";

export type VisitCredit = { personIds: number[]; occurredOn: string; activityId: number; userId: number };

/**
 * LEAD: wire on merge — the body is `await creditVisitsFromActivity(tx, credit)` once the visits branch lands.
 * Until then linking stores activity_people rows only (deliverable progress already counts them).
 */
export async function creditLinkedPeopleVisits(_tx: Tx, credit: VisitCredit): Promise<void> {
  if (credit.personIds.length === 0) return;
}
