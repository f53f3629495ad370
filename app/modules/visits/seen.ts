// Which recorded outcomes mean the person was seen (client-safe twin of seen.server.ts): only these count in 月探访率
// and the on-time rate. Not at home is an attempt; moved, hospitalised and deceased say why nobody could be visited.
import type { VisitOutcome } from "#db/schema/visits";

export const seenOutcomes = ["visited", "needs_follow_up"] as const satisfies readonly VisitOutcome[];
/** The person could not be visited for a reason outside the station's work: shown apart, not counted as due. */
export const unavailableOutcomes = [
  "moved",
  "hospitalised",
  "deceased",
] as const satisfies readonly VisitOutcome[];

export function wasSeen(outcome: VisitOutcome | null): boolean {
  return outcome !== null && (seenOutcomes as readonly string[]).includes(outcome);
}
