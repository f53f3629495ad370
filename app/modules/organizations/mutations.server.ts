// Registering and editing organizations. Planners manage organizations registered in their region; every write is audited.
import { and, eq } from "drizzle-orm";
import { organizations } from "#db/schema";
import { managedRegion, refuseUnlessManaged } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { uniqueCode } from "~/modules/kernel/unique-code.server";
import { write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import type { DbOrTx } from "~/utils/db.server";
import type { OrganizationInput } from "./schemas";

/** A code another organization already holds is refused naming that organization. */
const creditCode = uniqueCode({
  table: organizations,
  id: organizations.id,
  code: organizations.creditCode,
  name: organizations.name,
  field: "creditCode",
  messageKey: "organizations:creditCode.duplicate",
  constraint: "organizations_credit_code_unique",
});

/** The region must be one the planner manages, and the code nobody else's. */
async function checkRegistration(tx: DbOrTx, user: SessionUser, input: OrganizationInput, exceptId?: number) {
  await refuseUnlessManaged(user, input.regionId, tx);
  await creditCode.refuseIfHeld(tx, input.creditCode, exceptId);
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
  return write({ user, key, action, explain: creditCode.explain(input.creditCode) }, async (tx) => {
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
  const explain = creditCode.explain(input.creditCode, organizationId);
  return write({ user, key, action, explain }, async (tx) => {
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
