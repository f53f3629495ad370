// The one SQL definition of "the person was seen" (issue 13.3): 月探访率, the on-time rate and every page showing them
// build on it, as overdue.server.ts does for "overdue"; seen.ts holds the same lists for one visit.
import { type Column, type SQL, sql } from "drizzle-orm";
import { visits } from "#db/schema";
import type { VisitStatus } from "#db/schema/enums";
import { literal, literalValues } from "~/utils/sql-literals";
import { seenOutcomes, unavailableOutcomes } from "./seen";

const closedStatuses = ["completed", "missed"] as const satisfies readonly VisitStatus[];

type OutcomeColumns = { status: Column; outcome: Column };

/** A visit recorded with the person seen (visited, or needs follow-up). */
export function seenVisit(v: OutcomeColumns = visits): SQL {
  return sql`(${v.status} = ${literal(visits.status, "completed")} and ${v.outcome} in (${literalValues(seenOutcomes)}))`;
}

/** A visit closed because the person had moved, was in hospital or had died: shown apart, not due. */
export function unavailableVisit(v: OutcomeColumns = visits): SQL {
  return sql`(${v.status} = ${literal(visits.status, "completed")} and ${v.outcome} in (${literalValues(unavailableOutcomes)}))`;
}

/** Recorded without seeing the person: nobody at home, or unavailable. */
export function notSeenVisit(v: OutcomeColumns = visits): SQL {
  return sql`(${v.status} in (${literalValues(closedStatuses)}) and not ${seenVisit(v)})`;
}
