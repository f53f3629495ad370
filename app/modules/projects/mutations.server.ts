// Registering and editing care projects; planners manage projects of their region. Every write is audited.
import { and, eq, ne } from "drizzle-orm";
import { careProjects } from "#db/schema";
import { managedRegion, managedRegionById } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { runOnce } from "~/modules/kernel/idempotency.server";
import { previousResult } from "~/modules/kernel/replay.server";
import { fieldError, type LegacyWriteResult as WriteResult, withParams } from "~/modules/kernel/write-result";
import { db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import type { ProjectInput } from "./schemas";

const CODE_UNIQUE = "care_projects_code_unique";

async function duplicateCode(code: string, exceptId?: number): Promise<WriteResult | null> {
  const [holder] = await db
    .select({ name: careProjects.name })
    .from(careProjects)
    .where(and(eq(careProjects.code, code), exceptId ? ne(careProjects.id, exceptId) : undefined));
  return holder
    ? fieldError("code", withParams("projects:validation.duplicateCode", { name: holder.name }))
    : null;
}

function values(input: ProjectInput) {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    regionId: input.regionId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    description: input.description ?? null,
  };
}

export async function createProject({
  user,
  actor,
  key,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  key: string;
  input: ProjectInput;
}): Promise<WriteResult> {
  const replay = await previousResult(key, user.id, "project.create");
  if (replay) return replay;
  if (!(await managedRegionById(user, input.regionId))) return fieldError("regionId", "validation.choice");
  const duplicate = await duplicateCode(input.code);
  if (duplicate) return duplicate;
  try {
    const { result } = await runOnce({ key, userId: user.id, action: "project.create" }, async (tx) => {
      const [row] = await tx.insert(careProjects).values(values(input)).returning({ id: careProjects.id });
      await recordAudit(tx, actor, {
        action: "project.create",
        entityType: "care_project",
        entityId: row.id,
        changes: values(input),
      });
      return { id: row.id };
    });
    return { ok: true, id: result.id };
  } catch (error) {
    if (isConstraintError(error, CODE_UNIQUE)) return (await duplicateCode(input.code))!;
    throw error;
  }
}

export async function updateProject({
  user,
  actor,
  id,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
  input: ProjectInput;
}): Promise<WriteResult | null> {
  if (!(await managedRegionById(user, input.regionId))) return fieldError("regionId", "validation.choice");
  const duplicate = await duplicateCode(input.code, id);
  if (duplicate) return duplicate;
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(careProjects)
        .where(and(eq(careProjects.id, id), managedRegion(user, careProjects.regionId)))
        .for("update");
      if (!before) return null;
      const next = values(input);
      await tx.update(careProjects).set(next).where(eq(careProjects.id, id));
      await recordAudit(tx, actor, {
        action: "project.update",
        entityType: "care_project",
        entityId: id,
        changes: diffChanges(before, next),
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isConstraintError(error, CODE_UNIQUE)) return (await duplicateCode(input.code, id))!;
    throw error;
  }
}
