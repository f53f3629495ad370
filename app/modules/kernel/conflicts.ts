// What a write answers when it was based on an older version of its row (ADR 014). Client-safe.
import type { ConflictKind } from "#db/schema/enums";

export type ConflictRef = { id: number; kind: ConflictKind; entityId: number };

/** A write that was not applied: the route answers 409 with this and the form's message below. */
export type Conflicted = { conflict: ConflictRef };

/** The message next to the form whose save became a conflict. */
export const CONFLICT_MESSAGE = "common:conflict.stored";

export function isConflicted(value: object): value is Conflicted {
  return "conflict" in value;
}
