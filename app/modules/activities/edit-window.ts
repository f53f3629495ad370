// When an organization may still change an activity on its own, and when a planner must approve the change.
import type { activities } from "#db/schema";
import { daysBetween, todayInShanghai } from "~/utils/dates";

/** Days after logging (Asia/Shanghai calendar days) during which the organization edits directly. */
export const EDIT_WINDOW_DAYS = 7;

/** True once the activity was logged more than EDIT_WINDOW_DAYS calendar days ago. */
export function editNeedsApproval(createdAt: Date | string, now: Date = new Date()): boolean {
  const loggedOn = todayInShanghai(new Date(createdAt));
  return daysBetween(loggedOn, todayInShanghai(now)) > EDIT_WINDOW_DAYS;
}

export const editableFields = [
  "occurredOn",
  "kind",
  "participants",
  "personTimes",
  "hours",
  "summary",
] as const;
export type EditableField = (typeof editableFields)[number];

/** A stored activity's editable fields as its edit form carries them (hours is numeric text in the table). */
export function editableValues(a: Pick<typeof activities.$inferSelect, EditableField>) {
  return {
    occurredOn: a.occurredOn,
    kind: a.kind,
    participants: a.participants,
    personTimes: a.personTimes,
    hours: Number(a.hours),
    summary: a.summary,
  };
}
export type FieldChange = { from: string | number; to: string | number };
export type ActivityChanges = Partial<Record<EditableField, FieldChange>>;

/** The fields whose value differs, each with its old and new value; hours compare as numbers. */
export function diffActivity(
  current: Record<EditableField, string | number>,
  next: Record<EditableField, string | number>,
): ActivityChanges {
  const changes: ActivityChanges = {};
  for (const field of editableFields) {
    const a = field === "hours" ? Number(current[field]) : current[field];
    const b = field === "hours" ? Number(next[field]) : next[field];
    if (a !== b) changes[field] = { from: a, to: b };
  }
  return changes;
}
