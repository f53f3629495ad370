// The one SQL definition of a late visit: every list, card, count and rate that says "overdue" or "on time" builds
// its condition here, and schedule.ts holds the same rules for one visit (isOverdue, daysOverdue, isOnTime).
// An event visit (within 24 hours of a fire, an illness, a death) is late after its exact deadline, as the reminder
// scan's overdue reminder; any other visit once its due date (Asia/Shanghai) is over.
import { type Column, type SQL, sql } from "drizzle-orm";
import { visits } from "#db/schema";
import { todayInShanghai } from "~/utils/dates";
import { literal } from "~/utils/sql-literals";
import { seenVisit } from "./seen.server";

/** The columns the rules read: the visits table, or an alias of it (`alias(visits, "v")`). */
export type VisitTimingColumns = {
  status: Column;
  kind: Column;
  dueOn: Column;
  scheduledAt: Column;
  completedAt: Column;
  outcome: Column;
};

/** Whether the visit is held to an exact deadline (an event visit that has one) rather than to its due date. */
function hasDeadline(v: VisitTimingColumns): SQL {
  return sql`${v.kind} = ${literal(visits.kind, "event")} and ${v.scheduledAt} is not null`;
}

/** An open visit past its deadline at `now`, or without one, past its due date on the Shanghai date of `now`. */
export function overdueVisit({ now }: { now: Date }, v: VisitTimingColumns = visits): SQL {
  return sql`(${v.status} = ${literal(visits.status, "scheduled")} and case when ${hasDeadline(v)}
    then ${v.scheduledAt} < ${now.toISOString()}::timestamptz
    else ${v.dueOn} < ${todayInShanghai(now)}::date end)`;
}

/**
 * A visit done on time: the person seen (seen.server.ts), by its deadline, or without one on a Shanghai date on or
 * before its due date.
 */
export function onTimeVisit(v: VisitTimingColumns = visits): SQL {
  return sql`(${seenVisit(v)} and case when ${hasDeadline(v)}
    then ${v.completedAt} <= ${v.scheduledAt}
    else (${v.completedAt} at time zone 'Asia/Shanghai')::date <= ${v.dueOn} end)`;
}

/** A visit done late: the person seen, after its deadline or its due date. */
export function lateVisit(v: VisitTimingColumns = visits): SQL {
  return sql`(${seenVisit(v)} and not ${onTimeVisit(v)})`;
}
