// Who opened a person's file (issue 12, PIPL; MLPS 2.0 level 3): every view of the file page is one audit entry, and
// planners and auditors see the latest views on the file. The list is one indexed query, run only for those roles.
import { and, desc, eq, sql } from "drizzle-orm";
import { auditLog, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";

export const FILE_VIEW_ACTION = "person.view";
/** Views listed on the file; older ones are in /audit, filtered to the file. */
export const FILE_VIEWS_SHOWN = 50;

/** The bureau's planners and the auditor answer "who looked at this child's file"; others do not see the list. */
export function seesFileViews(user: Pick<SessionUser, "role">): boolean {
  return user.role === "planner" || user.role === "auditor";
}

export async function recordFileView(actor: AuditActor, user: SessionUser, personId: number): Promise<void> {
  await recordAuditNow(actor, {
    action: FILE_VIEW_ACTION,
    entityType: "person",
    entityId: personId,
    // why: the role at the time of the view; an account's role may change later.
    changes: { role: user.role, ...(user.glassPersonIds.includes(personId) ? { emergency: true } : {}) },
  });
}

export type FileView = {
  at: Date;
  name: string | null;
  email: string | null;
  role: Role | null;
  emergency: boolean;
};

/** The latest views of a file, newest first (audit_log_person_view_idx: no scan of the file's whole history). */
export async function fileViews(personId: number, limit = FILE_VIEWS_SHOWN): Promise<FileView[]> {
  return db
    .select({
      at: auditLog.at,
      name: users.name,
      email: users.email,
      role: sql<Role | null>`${auditLog.changes}->>'role'`,
      emergency: sql<boolean>`coalesce((${auditLog.changes}->>'emergency')::boolean, false)`,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.action, FILE_VIEW_ACTION), eq(auditLog.entityId, String(personId))))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
