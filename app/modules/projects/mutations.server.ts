// Registering and editing care projects; planners manage projects of their region. Every write is audited.
import { careProjects } from "#db/schema";
import { regionRegister } from "~/modules/kernel/register.server";
import type { Writer } from "~/modules/kernel/write.server";
import type { ProjectInput } from "./schemas";

/** A code another project already has is refused naming that project. */
const register = regionRegister({
  table: careProjects,
  entityType: "care_project",
  actionPrefix: "project",
  code: {
    column: careProjects.code,
    field: "code",
    messageKey: "projects:validation.duplicateCode",
    constraint: "care_projects_code_unique",
  },
  values: (input: ProjectInput) => ({
    code: input.code,
    name: input.name,
    kind: input.kind,
    regionId: input.regionId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    description: input.description ?? null,
  }),
});

type Args = Writer & { input: ProjectInput };

export const createProject = (args: Args) => register.create(args);

export const updateProject = ({ projectId, ...args }: Args & { projectId: number }) =>
  register.update({ ...args, id: projectId });
