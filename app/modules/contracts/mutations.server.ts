// Writing contracts: create (as a draft or in force), edit, and the lifecycle draft → active → completed / terminated.
// Planners manage contracts in their region. Every write is audited; overlaps are refused by the database.
import { and, eq, inArray, ne } from "drizzle-orm";
import {
  type ContractDeliverables,
  type ContractStatus,
  careProjects,
  contracts,
  facilities,
  organizations,
} from "#db/schema";
import {
  careProjectsInScope,
  contractsInScope,
  facilitiesInScope,
  organizationsInScope,
} from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { fieldProblem, formProblem, message, type Problems } from "~/modules/kernel/messages";
import { type RowEdit, refuse, type Writer, write, writeWithoutKey } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { type DbOrTx, db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import { contractInTheWay, isOverlapViolation, overlapMessage } from "./overlap.server";
import { type ContractInput, type LifecycleInput, parseSubject } from "./schemas";

const CODE_UNIQUE = "contracts_code_unique";

export function canManageContracts(user: SessionUser): boolean {
  return user.role === "admin" || (user.role === "planner" && user.scope.kind === "region");
}

function deliverablesOf(input: ContractInput): ContractDeliverables {
  const d: ContractDeliverables = {};
  if (input.activitiesPerMonth !== undefined) d.activitiesPerMonth = input.activitiesPerMonth;
  if (input.personTimesPerYear !== undefined) d.personTimesPerYear = input.personTimesPerYear;
  if (input.homeVisitsPerPersonPerYear !== undefined)
    d.homeVisitsPerPersonPerYear = input.homeVisitsPerPersonPerYear;
  if (input.peopleServed !== undefined) d.peopleServed = input.peopleServed;
  if (input.deliverableNotes) d.notes = input.deliverableNotes;
  return d;
}

function values(input: ContractInput) {
  const subject = parseSubject(input.subject);
  return {
    code: input.code,
    title: input.title,
    organizationId: input.organizationId,
    facilityId: subject.kind === "facility" ? subject.id : null,
    careProjectId: subject.kind === "project" ? subject.id : null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    amountFen: input.amount,
    procurementMethod: input.procurementMethod,
    deliverables: deliverablesOf(input),
  };
}

/** The organization and the facility or project must be ones the planner may contract. */
async function checkParties(tx: DbOrTx, user: SessionUser, input: ContractInput): Promise<void> {
  const subject = parseSubject(input.subject);
  const [[organization], [target]] = await Promise.all([
    tx
      .select({ id: organizations.id, status: organizations.status })
      .from(organizations)
      .where(and(eq(organizations.id, input.organizationId), organizationsInScope(user))),
    subject.kind === "facility"
      ? tx
          .select({ id: facilities.id })
          .from(facilities)
          .where(and(eq(facilities.id, subject.id), facilitiesInScope(user)))
      : tx
          .select({ id: careProjects.id })
          .from(careProjects)
          .where(and(eq(careProjects.id, subject.id), careProjectsInScope(user))),
  ]);
  if (!organization) refuse(fieldProblem("organizationId", "validation.choice"));
  if (organization.status !== "active")
    refuse(fieldProblem("organizationId", "contracts:errors.organizationInactive"));
  if (!target) refuse(fieldProblem("subject", "validation.choice"));
}

async function duplicateCode(tx: DbOrTx, code: string, exceptId?: number): Promise<Problems | null> {
  const [holder] = await tx
    .select({ title: contracts.title })
    .from(contracts)
    .where(and(eq(contracts.code, code), exceptId ? ne(contracts.id, exceptId) : undefined));
  return holder
    ? fieldProblem("code", message("contracts:errors.duplicateCode", { title: holder.title }))
    : null;
}

/** Checks before a contract is stored: who manages it, its parties, a free code. */
async function checkContract(tx: DbOrTx, user: SessionUser, input: ContractInput, exceptId?: number) {
  if (!canManageContracts(user)) refuse(formProblem("errors.forbidden"));
  await checkParties(tx, user, input);
  const duplicate = await duplicateCode(tx, input.code, exceptId);
  if (duplicate) refuse(duplicate);
}

/** The refusals the database makes (an overlapping active contract, a code taken meanwhile) as problems. */
function explainRefusal(v: ReturnType<typeof values>, exceptId?: number) {
  return async (error: unknown): Promise<Problems | null> => {
    if (isOverlapViolation(error)) {
      const inTheWay = await contractInTheWay({ ...v, exceptId });
      return {
        formErrors: [overlapMessage(inTheWay)],
        fieldErrors: { startsOn: ["contracts:errors.overlapField"] },
      };
    }
    if (isConstraintError(error, CODE_UNIQUE))
      return (await duplicateCode(db, v.code, exceptId)) ?? formProblem("contracts:errors.duplicateCode");
    return null;
  };
}

export async function createContract({
  user,
  actor,
  key,
  input,
  now = new Date(),
}: Writer & { input: ContractInput; now?: Date }): Promise<WriteResult | null> {
  const v = values(input);
  const activate = input.intent === "activate";
  return write({ user, key, action: "contract.create", explain: explainRefusal(v) }, async (tx) => {
    await checkContract(tx, user, input);
    const [row] = await tx
      .insert(contracts)
      .values({
        ...v,
        status: activate ? "active" : "draft",
        activatedAt: activate ? now : null,
        activatedBy: activate ? user.id : null,
        createdBy: user.id,
      })
      .returning({ id: contracts.id });
    await recordAudit(tx, actor, {
      action: activate ? "contract.create_active" : "contract.create",
      entityType: "contract",
      entityId: row.id,
      changes: { ...v, status: activate ? "active" : "draft" },
    });
    return { id: row.id };
  });
}

/** Drafts and active contracts can be edited; closed ones are history. */
export const editableStatuses: ContractStatus[] = ["draft", "active"];

export async function updateContract({
  user,
  actor,
  id,
  input,
}: RowEdit<ContractInput>): Promise<WriteResult | null> {
  const v = values(input);
  return writeWithoutKey({ explain: explainRefusal(v, id) }, async (tx) => {
    await checkContract(tx, user, input, id);
    const [before] = await tx
      .select()
      .from(contracts)
      .where(and(eq(contracts.id, id), contractsInScope(user)))
      .for("update");
    if (!before) return null;
    if (!editableStatuses.includes(before.status)) refuse(formProblem("contracts:errors.notEditable"));
    await tx.update(contracts).set(v).where(eq(contracts.id, id));
    await recordAudit(tx, actor, {
      action: "contract.update",
      entityType: "contract",
      entityId: id,
      changes: diffChanges(before, v),
    });
    return { id };
  });
}

const transitions: Record<LifecycleInput["intent"], { from: ContractStatus[]; to: ContractStatus }> = {
  activate: { from: ["draft"], to: "active" },
  complete: { from: ["active"], to: "completed" },
  terminate: { from: ["draft", "active"], to: "terminated" },
};

/**
 * Moves a contract along its lifecycle with a conditional update (the status it must be in is part of the WHERE),
 * so two people pressing buttons at once cannot both succeed. Activation is where the overlap rule bites.
 */
export async function transitionContract({
  user,
  actor,
  id,
  input,
  now = new Date(),
}: RowEdit<LifecycleInput> & { now?: Date }): Promise<WriteResult | null> {
  const step = transitions[input.intent];
  const reason = "reason" in input ? (input.reason ?? null) : null;
  let current: ContractPlace | undefined;
  const explain = async (error: unknown) =>
    current && isOverlapViolation(error)
      ? formProblem(overlapMessage(await contractInTheWay({ ...current, exceptId: id })))
      : null;
  return writeWithoutKey({ explain }, async (tx) => {
    if (!canManageContracts(user)) refuse(formProblem("errors.forbidden"));
    [current] = await tx
      .select({
        status: contracts.status,
        facilityId: contracts.facilityId,
        careProjectId: contracts.careProjectId,
        startsOn: contracts.startsOn,
        endsOn: contracts.endsOn,
      })
      .from(contracts)
      .where(and(eq(contracts.id, id), contractsInScope(user)));
    if (!current) return null;
    const [row] = await tx
      .update(contracts)
      .set(
        step.to === "active"
          ? { status: "active", activatedAt: now, activatedBy: user.id }
          : { status: step.to, closedAt: now, closedBy: user.id, closeReason: reason },
      )
      .where(and(eq(contracts.id, id), contractsInScope(user), inArray(contracts.status, step.from)))
      .returning({ id: contracts.id });
    if (!row) {
      const [now] = await tx.select({ status: contracts.status }).from(contracts).where(eq(contracts.id, id));
      refuse(formProblem(message("contracts:errors.wrongState", { status: now?.status ?? current.status })));
    }
    await recordAudit(tx, actor, {
      action: `contract.${input.intent}`,
      entityType: "contract",
      entityId: id,
      changes: { status: { from: current.status, to: step.to } },
      reason,
    });
    return { id };
  });
}

type ContractPlace = {
  status: ContractStatus;
  facilityId: number | null;
  careProjectId: number | null;
  startsOn: string;
  endsOn: string;
};
