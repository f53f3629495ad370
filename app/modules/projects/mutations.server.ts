// Registering and editing care projects; planners manage projects of their region. Every write is audited.
import { and, eq } from "drizzle-orm";
import { careProjects } from "#db/schema";
import { managedRegion, refuseUnlessManaged } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { diffChanges } from "~/modules/kernel/changes";
import { uniqueCode } from "~/modules/kernel/unique-code.server";
import { write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import type { DbOrTx } from "~/utils/db.server";
import type { ProjectInput } from "./schemas";

/** A code another project already has is refused naming that project. */
const projectCode = uniqueCode({
  table: careProjects,
  id: careProjects.id,
  code: careProjects.code,
  name: careProjects.name,
  field: "code",
  messageKey: "projects:validation.duplicateCode",
  constraint: "care_projects_code_unique",
});

/** The region must be one the planner manages, and the code no other project's. */
async function checkProject(tx: DbOrTx, user: SessionUser, input: ProjectInput, exceptId?: number) {
  await refuseUnlessManaged(user, input.regionId, tx);
  await projectCode.refuseIfHeld(tx, input.code, exceptId);
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
  return write({ user, key, action, explain: projectCode.explain(input.code) }, async (tx) => {
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
  return write({ user, key, action, explain: projectCode.explain(input.code, projectId) }, async (tx) => {
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
