// An outbox row not yet concluded (ADR 009): delivery locks, claims and records only these, and removing a robot
// re-routes them. Literals, not parameters, so the partial indexes (`where status in ('pending','queued')`) apply.
import { type Column, type SQL, sql } from "drizzle-orm";
import { type ReminderStatus, reminders } from "#db/schema";
import { literalValues } from "~/utils/sql-literals";

export const openReminderStatuses = ["pending", "queued"] as const satisfies readonly ReminderStatus[];

/** `status in ('pending', 'queued')`, parenthesised; `status` of the reminders table or of an alias of it. */
export function openReminder(status: Column = reminders.status): SQL {
  return sql`(${status} in (${literalValues(openReminderStatuses)}))`;
}
