// Keeping households: found one with its head, add and remove members, hand the head to another member. Each write
// owns its transaction and form key (ADR 008), checks scope in the WHERE clause of the lock and audits last.
import { and, eq, ne } from "drizzle-orm";
import { householdMembers, households, people } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldProblem, formProblem } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import type { DbOrTx } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import type { MemberRelation } from "./relations";
import { householdsInScope } from "./scope.server";

const NUMBER_UNIQUE = "households_village_number_unique";
const numberTaken = (error: unknown) =>
  isConstraintError(error, NUMBER_UNIQUE) ? fieldProblem("number", "households:errors.numberTaken") : null;

/** A household the user may see, locked for the rest of the transaction; null outside their scope. */
export async function lockHousehold(tx: DbOrTx, user: SessionUser, householdId: number) {
  const [row] = await tx
    .select()
    .from(households)
    .where(and(eq(households.id, householdId), householdsInScope(user)))
    .for("update");
  return row ?? null;
}

/** A person whose file the user may open, locked, and the household they belong to (if any). */
async function lockMember(tx: DbOrTx, user: SessionUser, personId: number) {
  const [row] = await tx
    .select({ id: people.id, villageId: people.villageId, address: people.address, status: people.status })
    .from(people)
    .where(and(eq(people.id, personId), peopleInScope(user)))
    .for("update", { of: people });
  if (!row) return null;
  const [membership] = await tx
    .select({ householdId: householdMembers.householdId, relation: householdMembers.relation })
    .from(householdMembers)
    .where(eq(householdMembers.personId, personId));
  return { ...row, membership: membership ?? null };
}

/** A household founded with its head, in the head's village; the address defaults to the head's. */
export async function createHousehold({
  input,
  ...writer
}: Writer & { input: { personId: number; number: string; address?: string } }): Promise<WriteResult | null> {
  const { user, actor, key } = writer;
  return write({ user, key, action: "household.create", explain: numberTaken }, async (tx) => {
    const head = await lockMember(tx, user, input.personId);
    if (!head) return null;
    if (head.membership) refuse(fieldProblem("personId", "households:errors.alreadyMember"));
    const [created] = await tx
      .insert(households)
      .values({
        number: input.number,
        villageId: head.villageId,
        address: input.address ?? head.address,
        createdBy: user.id,
      })
      .returning({ id: households.id });
    await tx
      .insert(householdMembers)
      .values({ personId: head.id, householdId: created.id, relation: "head", addedBy: user.id });
    await recordAudit(tx, actor, {
      action: "household.create",
      entityType: "household",
      entityId: created.id,
      changes: { number: input.number, villageId: head.villageId, headPersonId: head.id },
    });
    return { id: created.id };
  });
}

export async function addHouseholdMember({
  householdId,
  input,
  ...writer
}: Writer & {
  householdId: number;
  input: { personId: number; relation: MemberRelation };
}): Promise<WriteResult | null> {
  const { user, actor, key } = writer;
  return write({ user, key, action: "household.add_member" }, async (tx) => {
    const household = await lockHousehold(tx, user, householdId);
    if (!household) return null;
    const person = await lockMember(tx, user, input.personId);
    if (!person) refuse(fieldProblem("personId", "validation.choice"));
    if (person.membership) refuse(fieldProblem("personId", "households:errors.alreadyMember"));
    await tx
      .insert(householdMembers)
      .values({ personId: person.id, householdId, relation: input.relation, addedBy: user.id });
    await recordAudit(tx, actor, {
      action: "household.add_member",
      entityType: "household",
      entityId: householdId,
      changes: { personId: person.id, relation: input.relation },
    });
    return { id: householdId };
  });
}

/** The head leaves last: while others remain, another member is made head first. */
export async function removeHouseholdMember({
  householdId,
  input,
  ...writer
}: Writer & { householdId: number; input: { personId: number } }): Promise<WriteResult | null> {
  const { user, actor, key } = writer;
  return write({ user, key, action: "household.remove_member" }, async (tx) => {
    const household = await lockHousehold(tx, user, householdId);
    if (!household) return null;
    const person = await lockMember(tx, user, input.personId);
    if (person?.membership?.householdId !== householdId)
      refuse(fieldProblem("personId", "households:errors.notAMember"));
    if (person.membership.relation === "head") {
      const [other] = await tx
        .select({ id: householdMembers.personId })
        .from(householdMembers)
        .where(and(eq(householdMembers.householdId, householdId), ne(householdMembers.personId, person.id)))
        .limit(1);
      if (other) refuse(formProblem("households:errors.headLeavesLast"));
    }
    await tx.delete(householdMembers).where(eq(householdMembers.personId, person.id));
    await recordAudit(tx, actor, {
      action: "household.remove_member",
      entityType: "household",
      entityId: householdId,
      changes: { personId: person.id, relation: person.membership.relation },
    });
    return { id: householdId };
  });
}

/** Another member becomes head; the former head takes the relation the form gives (to the new head). */
export async function setHouseholdHead({
  householdId,
  input,
  ...writer
}: Writer & {
  householdId: number;
  input: { personId: number; formerHeadRelation: MemberRelation };
}): Promise<WriteResult | null> {
  const { user, actor, key } = writer;
  return write({ user, key, action: "household.set_head" }, async (tx) => {
    const household = await lockHousehold(tx, user, householdId);
    if (!household) return null;
    const person = await lockMember(tx, user, input.personId);
    if (person?.membership?.householdId !== householdId)
      refuse(fieldProblem("personId", "households:errors.notAMember"));
    if (person.membership.relation === "head")
      refuse(fieldProblem("personId", "households:errors.alreadyHead"));
    // The former head steps down first: the one-head index never sees two.
    const former = await tx
      .update(householdMembers)
      .set({ relation: input.formerHeadRelation })
      .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.relation, "head")))
      .returning({ personId: householdMembers.personId });
    await tx
      .update(householdMembers)
      .set({ relation: "head" })
      .where(eq(householdMembers.personId, person.id));
    await recordAudit(tx, actor, {
      action: "household.set_head",
      entityType: "household",
      entityId: householdId,
      changes: {
        headPersonId: person.id,
        formerHeadPersonId: former[0]?.personId ?? null,
        formerHeadRelation: former.length ? input.formerHeadRelation : null,
        previousRelation: person.membership.relation,
      },
    });
    return { id: householdId };
  });
}
