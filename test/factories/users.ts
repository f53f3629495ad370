// Signed-in users for module tests: a demo account exactly as the permission guard resolves it (role + scope),
// without going through HTTP.
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { loadSessionUser } from "~/modules/access/guard.server";
import type { SessionUser } from "~/modules/access/types";
import { newFormKey } from "~/modules/kernel/form-key";
import { db } from "~/utils/db.server";

export async function sessionUserFor(email: string): Promise<SessionUser> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`No user ${email}`);
  const user = await loadSessionUser(row.id, "test-session");
  if (!user) throw new Error(`${email} is disabled or has no scope`);
  return user;
}

export const testActor = (user: { id: number }) => ({
  actorUserId: user.id,
  ip: "127.0.0.1",
  requestId: "test",
});

/** What a write path takes from whoever submits a form: the user, the audit actor, and the form's fresh key. */
export const by = (user: SessionUser) => ({ user, actor: testActor(user), key: newFormKey() });
