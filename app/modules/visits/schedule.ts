// Scheduling arithmetic on Shanghai calendar dates: next routine visit, follow-ups, event visits, on-time.
// Pure and client-safe; every function takes the clock as an argument so tests pin it.
import type { VisitOutcome } from "#db/schema/visits";
import { addDaysToDate, daysBetween, todayInShanghai } from "~/utils/dates";
import { EVENT_VISIT_WITHIN_HOURS } from "./rules";

/** Nobody was home: try again within a week, or sooner if the rule asks for that. */
export const NOT_HOME_RETRY_DAYS = 7;

/** The due date of the routine visit after one made on `visitedOn`. */
export function nextRoutineDueOn({
  visitedOn,
  intervalDays,
  outcome,
}: {
  visitedOn: string;
  intervalDays: number;
  outcome: VisitOutcome;
}): string {
  const days = outcome === "not_home" ? Math.min(intervalDays, NOT_HOME_RETRY_DAYS) : intervalDays;
  return addDaysToDate(visitedOn, days);
}

/** The status a recorded outcome leaves the visit in: an empty house is an attempt, not a visit. */
export function statusForOutcome(outcome: VisitOutcome): "completed" | "missed" {
  return outcome === "not_home" ? "missed" : "completed";
}

/** A major event: the visit is due within 24 hours, i.e. on the Shanghai date 24 hours from now. */
export function eventVisitDue(now: Date): { dueOn: string; deadline: Date } {
  const deadline = new Date(now.getTime() + EVENT_VISIT_WITHIN_HOURS * 3_600_000);
  return { dueOn: todayInShanghai(deadline), deadline };
}

/** On time means completed on a Shanghai calendar date no later than the due date. */
export function isOnTime(completedAt: Date, dueOn: string): boolean {
  return todayInShanghai(completedAt) <= dueOn;
}

/** Days a scheduled visit is overdue (0 when not yet due). */
export function daysOverdue(dueOn: string, now: Date): number {
  return Math.max(0, daysBetween(dueOn, todayInShanghai(now)));
}

export type DueBucket = "overdue" | "today" | "soon" | "later";

/** How urgent an open visit is; "soon" is within `soonDays` days. */
export function dueBucket(dueOn: string, now: Date, soonDays = 7): DueBucket {
  const today = todayInShanghai(now);
  if (dueOn < today) return "overdue";
  if (dueOn === today) return "today";
  return dueOn <= addDaysToDate(today, soonDays) ? "soon" : "later";
}

/** A follow-up must be dated on or after the visit that asked for it, and not more than a year out. */
export function followUpDateProblem(followUpOn: string, visitedOn: string): "beforeVisit" | "tooFar" | null {
  if (followUpOn < visitedOn) return "beforeVisit";
  if (daysBetween(visitedOn, followUpOn) > 366) return "tooFar";
  return null;
}
