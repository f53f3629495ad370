// The relations a member of a household has to its head (本人/户主, 配偶, 子女 …), head first. Client-safe.
import { type HouseholdRelation, householdRelations } from "#db/schema/households";

export { type HouseholdRelation, householdRelations };

/** Relations a member other than the head can have (the head is set by its own form). */
export const memberRelations = [
  "spouse",
  "child",
  "parent",
  "grandchild",
  "sibling",
  "other",
] as const satisfies readonly Exclude<HouseholdRelation, "head">[];
export type MemberRelation = (typeof memberRelations)[number];
