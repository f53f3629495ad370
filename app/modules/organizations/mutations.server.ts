// Registering and editing organizations. Planners manage organizations registered in their region; every write is audited.
import { and, eq, ne } from "drizzle-orm";
import { organizations } from "#db/schema";
import { managedRegion, managedRegionById } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { runOnce } from "~/modules/kernel/idempotency.server";
import { previousResult } from "~/modules/kernel/replay.server";
import type { LegacyWriteResult as WriteResult } from "~/modules/kernel/write-result";
import { db, type Tx } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import type { OrganizationInput } from "./schemas";

export type { WriteResult };

const CREDIT_CODE_UNIQUE = "organizations_credit_code_unique";

/** The message for a code another organization already holds, naming that organization. */
async function duplicateCodeError(creditCode: string, exceptId?: number): Promise<WriteResult | null> {
  const [holder] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(eq(organizations.creditCode, creditCode), exceptId ? ne(organizations.id, exceptId) : undefined),
    );
  if (!holder) return null;
  return {
    ok: false,
    fieldErrors: {
      creditCode: [`organizations:creditCode.duplicate|${JSON.stringify({ name: holder.name })}`],
    },
  };
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

const regionRefused: WriteResult = { ok: false, fieldErrors: { regionId: ["validation.choice"] } };

export async function createOrganization({
  user,
  actor,
  key,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  key: string;
  input: OrganizationInput;
}): Promise<WriteResult> {
  const replay = await previousResult(key, user.id, "organization.create");
  if (replay) return replay;
  if (!(await managedRegionById(user, input.regionId))) return regionRefused;
  const duplicate = await duplicateCodeError(input.creditCode);
  if (duplicate) return duplicate;
  try {
    const { result } = await runOnce({ key, userId: user.id, action: "organization.create" }, async (tx) => {
      const [row] = await tx.insert(organizations).values(values(input)).returning({ id: organizations.id });
      await recordAudit(tx, actor, {
        action: "organization.create",
        entityType: "organization",
        entityId: row.id,
        changes: values(input),
      });
      return { id: row.id };
    });
    return { ok: true, id: result.id };
  } catch (error) {
    // why: two people registering the same code at once both pass the check above; the unique index decides.
    if (isConstraintError(error, CREDIT_CODE_UNIQUE)) return (await duplicateCodeError(input.creditCode))!;
    throw error;
  }
}

export async function updateOrganization({
  user,
  actor,
  id,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
  input: OrganizationInput;
}): Promise<WriteResult | null> {
  if (!(await managedRegionById(user, input.regionId))) return regionRefused;
  const duplicate = await duplicateCodeError(input.creditCode, id);
  if (duplicate) return duplicate;
  try {
    return await db.transaction(async (tx: Tx) => {
      const [before] = await tx
        .select()
        .from(organizations)
        .where(and(eq(organizations.id, id), managedRegion(user, organizations.regionId)))
        .for("update");
      if (!before) return null;
      const next = values(input);
      await tx.update(organizations).set(next).where(eq(organizations.id, id));
      const changes = diffChanges(before, next);
      await recordAudit(tx, actor, {
        action: "organization.update",
        entityType: "organization",
        entityId: id,
        changes,
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isConstraintError(error, CREDIT_CODE_UNIQUE))
      return (await duplicateCodeError(input.creditCode, id))!;
    throw error;
  }
}
