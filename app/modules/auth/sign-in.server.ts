// Password sign-in: lock-out, password check, and what the new session must do next (second factor, enrollment,
// forced password change). Every attempt is recorded; the route turns the result into cookies.
import { eq } from "drizzle-orm";
import { signInAttempts, users } from "#db/schema";
import type { Locale } from "#db/schema/enums";
import { requiresSecondFactor } from "~/modules/access/permissions";
import { recordAuditNow } from "~/modules/audit/audit.server";
import { holdsDemoData } from "~/modules/meta/queries.server";
import { db } from "~/utils/db.server";
import { clientIp } from "~/utils/http.server";
import { signInLockout } from "./lockout.server";
import { dummyPasswordHash, verifyPassword } from "./password.server";
import type { SessionPending } from "./session.server";

export type SignInResult =
  | { ok: true; userId: number; locale: Locale; needsTotpCode: boolean; pending: SessionPending[] }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "locked"; retryAfterMinutes: number };

/** Seeded demo accounts need no second factor, but only while the database holds the demo data. */
async function isDemoExempt(email: string): Promise<boolean> {
  return email.endsWith("@demo.local") && (await holdsDemoData());
}

export async function recordSignInAttempt({
  email,
  request,
  succeeded,
}: {
  email: string;
  request: Request;
  succeeded: boolean;
}) {
  await db.insert(signInAttempts).values({ email, ip: clientIp(request), succeeded });
}

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
  const lockout = await signInLockout({ email, ip });
  if (lockout.locked) {
    await recordAuditNow(
      { actorUserId: null, ip, requestId },
      { action: "sign_in_locked", entityType: "user", changes: { email, by: lockout.by } },
    );
    return { ok: false, reason: "locked", retryAfterMinutes: lockout.retryAfterMinutes };
  }
  const [user] = await db
    .select({
      id: users.id,
      hash: users.passwordHash,
      disabledAt: users.disabledAt,
      locale: users.locale,
      role: users.role,
      totpEnabledAt: users.totpEnabledAt,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  // why: verify against a dummy hash for unknown emails so response time does not reveal which accounts exist.
  const valid = await verifyPassword(user?.hash ?? (await dummyPasswordHash()), password);
  if (!user || !valid) {
    await recordSignInAttempt({ email, request, succeeded: false });
    await recordAuditNow(
      { actorUserId: user?.id ?? null, ip, requestId },
      { action: "sign_in_failed", entityType: "user", entityId: user?.id ?? null, changes: { email } },
    );
    return { ok: false, reason: "invalid" };
  }
  if (user.disabledAt) {
    await recordSignInAttempt({ email, request, succeeded: false });
    return { ok: false, reason: "disabled" };
  }
  const needsTotpCode = Boolean(user.totpEnabledAt);
  const pending: SessionPending[] = [];
  if (user.mustChangePassword) pending.push("change_password");
  if (!needsTotpCode && requiresSecondFactor(user.role) && !(await isDemoExempt(email)))
    pending.push("enroll_totp");
  if (!needsTotpCode) {
    await recordSignInAttempt({ email, request, succeeded: true });
    await recordAuditNow(
      { actorUserId: user.id, ip, requestId },
      { action: "sign_in", entityType: "user", entityId: user.id },
    );
  }
  return { ok: true, userId: user.id, locale: user.locale, needsTotpCode, pending };
}
