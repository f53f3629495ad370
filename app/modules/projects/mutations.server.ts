// Registering and editing care projects; planners manage projects of their region. Every write is audited.
import { and, eq, ne } from "drizzle-orm";
import { careProjects } from "#db/schema";
import { managedRegion, managedRegionById } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { fieldProblem, message, type Problems } from "~/modules/kernel/messages";
import { refuse, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { type DbOrTx, db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import type { ProjectInput } from "./schemas";

const CODE_UNIQUE = "care_projects_code_unique";

/** A code another project already has, refused naming that project. */
async function duplicateCode(tx: DbOrTx, code: string, exceptId?: number): Promise<Problems | null> {
  const [holder] = await tx
    .select({ name: careProjects.name })
    .from(careProjects)
    .where(and(eq(careProjects.code, code), exceptId ? ne(careProjects.id, exceptId) : undefined));
  return holder
    ? fieldProblem("code", message("projects:validation.duplicateCode", { name: holder.name }))
    : null;
}

/** Two people registering the same code at once both pass the check; the unique index decides. */
const explainDuplicate = (input: ProjectInput, exceptId?: number) => (error: unknown) =>
  isConstraintError(error, CODE_UNIQUE) ? duplicateCode(db, input.code, exceptId) : null;

/** The region must be one the planner manages, and the code no other project's. */
async function checkProject(tx: DbOrTx, user: SessionUser, input: ProjectInput, exceptId?: number) {
  if (!(await managedRegionById(user, input.regionId, tx)))
    refuse(fieldProblem("regionId", "validation.choice"));
  const duplicate = await duplicateCode(tx, input.code, exceptId);
  if (duplicate) refuse(duplicate);
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
  key: string | null;
  input: ProjectInput;
}): Promise<WriteResult | null> {
  const action = "project.create";
  return write({ user, key, action, explain: explainDuplicate(input) }, async (tx) => {
    await checkProject(tx, user, input);
    const [row] = await tx.insert(careProjects).values(values(input)).returning({ id: careProjects.id });
    await recordAudit(tx, actor, {
      action,
      entityType: "care_project",
      entityId: row.id,
      changes: values(input),
    });
    return { id: row.id };
  });
}

export async function updateProject({
  user,
  actor,
  key,
  projectId,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  key: string | null;
  projectId: number;
  input: ProjectInput;
}): Promise<WriteResult | null> {
  const action = "project.update";
  return write({ user, key, action, explain: explainDuplicate(input, projectId) }, async (tx) => {
    await checkProject(tx, user, input, projectId);
    const [before] = await tx
      .select()
      .from(careProjects)
      .where(and(eq(careProjects.id, projectId), managedRegion(user, careProjects.regionId)))
      .for("update");
    if (!before) return null;
    const next = values(input);
    await tx.update(careProjects).set(next).where(eq(careProjects.id, projectId));
    await recordAudit(tx, actor, {
      action,
      entityType: "care_project",
      entityId: projectId,
      changes: diffChanges(before, next),
    });
    return { id: projectId };
  });
}
