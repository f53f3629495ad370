// The conflict page's forms, one per way of settling it (ADR 014). Client-safe.
import { z } from "zod";

export const resolveConflictSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("keep_theirs") }),
  z.object({ intent: z.literal("keep_mine") }),
  z.object({ intent: z.literal("merge_notes") }),
]);
export type ResolveConflict = z.infer<typeof resolveConflictSchema>;
