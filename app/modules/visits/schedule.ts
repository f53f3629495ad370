// Scheduling arithmetic on Shanghai calendar dates: next routine visit, follow-ups, event visits, overdue, on time.
// Pure and client-safe; every function takes the clock as an argument so tests pin it.
import type { VisitOutcome } from "#db/schema/visits";
import { addDaysToDate, daysBetween, todayInShanghai } from "~/utils/dates";
import { EVENT_VISIT_WITHIN_HOURS } from "./rules";

/** Nobody was home: try again within a week, or sooner if the rule asks for that. */
const NOT_HOME_RETRY_DAYS = 7;

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

/**
 * What decides when a visit is late: its due date, and for an event visit its exact deadline. The SQL twin of these
 * rules is in overdue.server.ts; the reminder scan (reminders/visit-findings) fires its overdue reminder on the same.
 */
export type VisitTiming = {
  kind: string;
  dueOn: string;
  /** An event visit's deadline; a string when it has been through a loader's JSON. */
  scheduledAt: Date | string | null;
};

const DAY_MS = 86_400_000;

/** The exact deadline of an event visit (24 hours after the event); other visits are late by the date alone. */
function visitDeadline(visit: VisitTiming): Date | null {
  return visit.kind === "event" && visit.scheduledAt !== null ? new Date(visit.scheduledAt) : null;
}

function pastDue(visit: VisitTiming, now: Date): boolean {
  const deadline = visitDeadline(visit);
  return deadline ? deadline.getTime() < now.getTime() : visit.dueOn < todayInShanghai(now);
}

/** An open visit is overdue once its deadline has passed, or, without one, once its due date is before today. */
export function isOverdue(visit: VisitTiming & { status: string }, now: Date): boolean {
  return visit.status === "scheduled" && pastDue(visit, now);
}

/**
 * Days an open visit is overdue (0 when it is not): calendar days after the due date, or for an event visit started
 * 24-hour periods after the deadline, so a minute late is one day, as the escalation counts them.
 */
export function daysOverdue(visit: VisitTiming & { status: string }, now: Date): number {
  if (!isOverdue(visit, now)) return 0;
  const deadline = visitDeadline(visit);
  if (deadline) return Math.max(1, Math.ceil((now.getTime() - deadline.getTime()) / DAY_MS));
  return daysBetween(visit.dueOn, todayInShanghai(now));
}

/** On time: completed by the deadline of an event visit, or on a Shanghai date no later than the due date. */
export function isOnTime(visit: VisitTiming, completedAt: Date): boolean {
  const deadline = visitDeadline(visit);
  return deadline ? completedAt.getTime() <= deadline.getTime() : todayInShanghai(completedAt) <= visit.dueOn;
}

export type DueBucket = "overdue" | "today" | "soon" | "later";

/** How urgent an open visit is; "soon" is within `soonDays` days. */
export function dueBucket(visit: VisitTiming, now: Date, soonDays = 7): DueBucket {
  const today = todayInShanghai(now);
  if (pastDue(visit, now)) return "overdue";
  if (visit.dueOn <= today) return "today";
  return visit.dueOn <= addDaysToDate(today, soonDays) ? "soon" : "later";
}

/** A follow-up must be dated on or after the visit that asked for it, and not more than a year out. */
export function followUpDateProblem(followUpOn: string, visitedOn: string): "beforeVisit" | "tooFar" | null {
  if (followUpOn < visitedOn) return "beforeVisit";
  if (daysBetween(visitedOn, followUpOn) > 366) return "tooFar";
  return null;
}
