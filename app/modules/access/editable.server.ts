// The row an edit page changes, opened the same way by its loader and its action: who may edit this kind of row,
// then the row in their scope (else 404, so its existence does not leak), then may they change this one (else 403).
import type { Permission } from "~/modules/access/permissions";
import type { SessionUser } from "~/modules/access/types";
import { forbidden, notFound } from "~/utils/http.server";
import { requirePermission } from "./guard.server";

export async function requireEditable<Row>(
  request: Request,
  permission: Permission,
  find: (user: SessionUser) => Promise<Row | null>,
  /** A row the user may read but not change (an organization registered in another region that works for them). */
  mayEdit: (row: Row) => boolean = () => true,
): Promise<{ user: SessionUser; row: Row }> {
  const user = await requirePermission(request, permission);
  const row = await find(user);
  if (!row) notFound();
  if (!mayEdit(row)) forbidden();
  return { user, row };
}
