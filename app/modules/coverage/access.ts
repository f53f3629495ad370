// Who may see coverage figures: the read:coverage permission (planners, auditors, admins).
import { roleHas } from "~/modules/access/permissions";
import type { SessionUser } from "~/modules/access/types";

export function userCanCoverage(user: Pick<SessionUser, "role">): boolean {
  return roleHas(user.role, "read:coverage");
}
