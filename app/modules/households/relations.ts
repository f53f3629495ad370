// The relations a member of a household has to its head (本人/户主, 配偶, 子女 …), head first. Client-safe.
import { type HouseholdRelation, householdRelations } from "#db/schema/households";

export { type HouseholdRelation, householdRelations };

/**
 * Relations a member other than the head can have (the head is set by its own form): the schema's list without its
 * first, so a relation added there reaches the member form too.
 */
const [, ...afterHead] = householdRelations;
export const memberRelations = afterHead satisfies readonly Exclude<HouseholdRelation, "head">[];
export type MemberRelation = (typeof memberRelations)[number];
