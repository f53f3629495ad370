// Helpers for tests of the people, visits and reminders modules: demo users as the permission guard builds them.
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { loadSessionUser } from "~/modules/access/guard.server";
import type { SessionUser } from "~/modules/access/types";
import type { AuditActor } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";

export async function sessionUserFor(email: string): Promise<SessionUser> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`No user ${email}`);
  const user = await loadSessionUser(row.id, "test-session");
  if (!user) throw new Error(`User ${email} has no usable scope`);
  return user;
}

export function actorOf(user: SessionUser): AuditActor {
  return { actorUserId: user.id, ip: "127.0.0.1", requestId: "test" };
}
