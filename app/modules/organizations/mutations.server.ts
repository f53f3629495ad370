// Registering and editing organizations. Planners manage organizations registered in their region; every write is audited.
import { and, eq, ne } from "drizzle-orm";
import { organizations } from "#db/schema";
import { managedRegion, managedRegionById } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { fieldProblem, message, type Problems } from "~/modules/kernel/messages";
import { refuse, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { type DbOrTx, db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import type { OrganizationInput } from "./schemas";

const CREDIT_CODE_UNIQUE = "organizations_credit_code_unique";

/** A code another organization already holds, refused naming that organization. */
async function duplicateCode(tx: DbOrTx, creditCode: string, exceptId?: number): Promise<Problems | null> {
  const [holder] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(
      and(eq(organizations.creditCode, creditCode), exceptId ? ne(organizations.id, exceptId) : undefined),
    );
  return holder
    ? fieldProblem("creditCode", message("organizations:creditCode.duplicate", { name: holder.name }))
    : null;
}

/** Two people registering the same code at once both pass the check; the unique index decides. */
const explainDuplicate = (input: OrganizationInput, exceptId?: number) => (error: unknown) =>
  isConstraintError(error, CREDIT_CODE_UNIQUE) ? duplicateCode(db, input.creditCode, exceptId) : null;

/** The region must be one the planner manages, and the code nobody else's. */
async function checkRegistration(tx: DbOrTx, user: SessionUser, input: OrganizationInput, exceptId?: number) {
  if (!(await managedRegionById(user, input.regionId, tx)))
    refuse(fieldProblem("regionId", "validation.choice"));
  const duplicate = await duplicateCode(tx, input.creditCode, exceptId);
  if (duplicate) refuse(duplicate);
}

function values(input: OrganizationInput) {
  return {
    name: input.name,
    creditCode: input.creditCode,
    kind: input.kind,
    regionId: input.regionId,
    registeredOn: input.registeredOn ?? null,
    hasPartyBranch: input.hasPartyBranch,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    contactEmail: input.contactEmail ?? null,
    address: input.address ?? null,
    status: input.status,
  };
}

export async function createOrganization({
  user,
  actor,
  key,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  key: string | null;
  input: OrganizationInput;
}): Promise<WriteResult | null> {
  const action = "organization.create";
  return write({ user, key, action, explain: explainDuplicate(input) }, async (tx) => {
    await checkRegistration(tx, user, input);
    const [row] = await tx.insert(organizations).values(values(input)).returning({ id: organizations.id });
    await recordAudit(tx, actor, {
      action,
      entityType: "organization",
      entityId: row.id,
      changes: values(input),
    });
    return { id: row.id };
  });
}

export async function updateOrganization({
  user,
  actor,
  key,
  organizationId,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  key: string | null;
  organizationId: number;
  input: OrganizationInput;
}): Promise<WriteResult | null> {
  const action = "organization.update";
  return write({ user, key, action, explain: explainDuplicate(input, organizationId) }, async (tx) => {
    await checkRegistration(tx, user, input, organizationId);
    const [before] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, organizationId), managedRegion(user, organizations.regionId)))
      .for("update");
    if (!before) return null;
    const next = values(input);
    await tx.update(organizations).set(next).where(eq(organizations.id, organizationId));
    await recordAudit(tx, actor, {
      action,
      entityType: "organization",
      entityId: organizationId,
      changes: diffChanges(before, next),
    });
    return { id: organizationId };
  });
}
