// The role an account with several role assignments works as (issue 14): chosen with the header's switch, kept in
// the session, audited as a session event. It decides the home, the navigation and which scope a page uses where
// more than one role would do; what the account may do stays the union of its roles (guard.server.ts `wearing`).
import { eq, sql } from "drizzle-orm";
import { sessions } from "#db/schema";
import { assignmentKey, type SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { writeWithoutKey } from "~/modules/kernel/write.server";
import { hashSessionId } from "./session.server";

/** Works as the assignment `as` names from now on in this session; null when the account holds no such role. */
export async function actAs({ user, actor, as }: { user: SessionUser; actor: AuditActor; as: string }) {
  const chosen = (user.assignments ?? []).find((a) => assignmentKey(a) === as);
  if (!chosen || !user.sessionId) return null;
  return writeWithoutKey({}, async (tx) => {
    await tx
      .update(sessions)
      .set({
        data: sql`coalesce(${sessions.data}, '{}'::jsonb) || jsonb_build_object('actingAs', ${as}::text)`,
      })
      .where(eq(sessions.id, hashSessionId(user.sessionId)));
    await recordAudit(tx, actor, {
      action: "act_as",
      entityType: "user",
      entityId: user.id,
      changes: { from: { role: user.role, as: assignmentKey(user) }, to: { role: chosen.role, as } },
    });
    return { role: chosen.role };
  });
}
