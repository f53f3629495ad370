// Checks a password sign-in and records the attempt; the route turns the result into a session.
import { eq } from "drizzle-orm";
import { signInAttempts, users } from "#db/schema";
import { recordAuditNow } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import { clientIp } from "./session.server";

export type SignInResult =
  | { ok: true; userId: number; locale: "zh-CN" | "en" }
  | { ok: false; reason: "invalid" | "disabled" };

export async function checkPasswordSignIn({
  request,
  requestId,
  email,
  password,
}: {
  request: Request;
  requestId: string | null;
  email: string;
  password: string;
}): Promise<SignInResult> {
  const ip = clientIp(request);
  const [user] = await db
    .select({ id: users.id, hash: users.passwordHash, disabledAt: users.disabledAt, locale: users.locale })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  // why: verify against a dummy hash for unknown emails so response time does not reveal which accounts exist.
  const valid = await verifyPassword(user?.hash ?? (await dummyPasswordHash()), password);
  const succeeded = Boolean(user && valid && !user.disabledAt);
  await db.insert(signInAttempts).values({ email, ip, succeeded });
  if (!user || !valid) {
    await recordAuditNow(
      { actorUserId: user?.id ?? null, ip, requestId },
      { action: "sign_in_failed", entityType: "user", entityId: user?.id ?? null, changes: { email } },
    );
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  await recordAuditNow(
    { actorUserId: user.id, ip, requestId },
    { action: "sign_in", entityType: "user", entityId: user.id },
  );
  return { ok: true, userId: user.id, locale: user.locale };
}
