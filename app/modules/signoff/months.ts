// The months of a contract the organization reports on, and what a month's state means. Client-safe.
import type { MonthSignoffStatus, MonthSummary } from "#db/schema/signoff";
import { shiftMonth } from "~/utils/months";

/** A month's figures in the order the review page lists them (summary.server.ts computes them). */
export const summaryKeys = [
  "activities",
  "personTimes",
  "participants",
  "homeVisits",
  "peopleServed",
  "spentFen",
] as const satisfies readonly (keyof MonthSummary)[];

/** No row yet: the organization has not submitted the month. */
export type MonthState = MonthSignoffStatus | "unsubmitted";

/** The states in which the organization owes a submission (for a month that has ended). */
export const awaitingOrganization: readonly MonthState[] = ["unsubmitted", "returned", "reopened"];

/** The contract's months from its first to its last, stopping at the current month. */
export function reportingMonths(startsOn: string, endsOn: string, today: string): string[] {
  const [last] = [endsOn.slice(0, 7), today.slice(0, 7)].sort();
  const out: string[] = [];
  for (let m = startsOn.slice(0, 7); m <= last && out.length < 240; m = shiftMonth(m, 1)) out.push(m);
  return out;
}

/** Whether the organization owes this month now: a month sent back, or an ended month never submitted. */
export function isDue(state: MonthState, month: string, today: string): boolean {
  if (state === "returned" || state === "reopened") return true;
  return state === "unsubmitted" && month < today.slice(0, 7);
}

export const monthStateTone: Record<MonthState, "neutral" | "good" | "info" | "warn" | "bad"> = {
  unsubmitted: "neutral",
  submitted: "info",
  returned: "bad",
  approved: "good",
  reopened: "warn",
};
