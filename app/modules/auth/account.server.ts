// The signed-in user's own settings: language, password and second factor. Changing a credential needs the
// current password again (re-authentication), is audited, and ends the user's other sessions.
import { and, count, eq, isNull } from "drizzle-orm";
import { recoveryCodes, sessions, users } from "#db/schema";
import type { Locale, Role } from "#db/schema/enums";
import { requiresSecondFactor } from "~/modules/access/permissions";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { db } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "./password.server";
import { type PasswordProblem, passwordProblem } from "./password-policy";
import { endOtherSessionsOf, updateSessionData } from "./session.server";
import {
  openTotpSecret,
  replaceRecoveryCodes,
  sealTotpSecret,
  totpCodeMatches,
  verifyUserTotp,
} from "./totp.server";

export async function saveUserLocale({ userId, locale }: { userId: number; locale: Locale }) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function accountOverview(userId: number) {
  const [user] = await db
    .select({
      email: users.email,
      name: users.name,
      role: users.role,
      totpEnabledAt: users.totpEnabledAt,
      passwordChangedAt: users.passwordChangedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [codes] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const [live] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return {
    ...user,
    recoveryCodesLeft: codes.n,
    sessions: live.n,
    totpRequired: requiresSecondFactor(user.role),
  };
}

async function currentPasswordMatches(userId: number, password: string): Promise<boolean> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return Boolean(row) && (await verifyPassword(row.hash, password));
}

/** The signed-in account, as far as its own password and second factor need it. */
type AccountHolder = { id: number; email: string; role: Role; sessionId: string };

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; field: "currentPassword" | "newPassword"; problem: "wrong" | PasswordProblem | "same" };

export async function changeOwnPassword({
  user,
  actor,
  currentPassword,
  newPassword,
}: {
  user: AccountHolder;
  actor: AuditActor;
  currentPassword: string;
  newPassword: string;
}): Promise<ChangePasswordResult> {
  if (!(await currentPasswordMatches(user.id, currentPassword)))
    return { ok: false, field: "currentPassword", problem: "wrong" };
  const problem = passwordProblem(newPassword, { email: user.email });
  if (problem) return { ok: false, field: "newPassword", problem };
  if (newPassword === currentPassword) return { ok: false, field: "newPassword", problem: "same" };
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: false })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actor, { action: "change_password", entityType: "user", entityId: user.id });
  });
  await endOtherSessionsOf(user.id, user.sessionId);
  await updateSessionData(user.sessionId, (d) => ({
    ...d,
    pending: (d.pending ?? []).filter((p) => p !== "change_password"),
  }));
  return { ok: true };
}

/** Confirms enrollment with a code from the app; returns the recovery codes to show once. */
export async function enableOwnTotp({
  user,
  actor,
  sealedSecret,
  currentPassword,
  code,
}: {
  user: AccountHolder;
  actor: AuditActor;
  sealedSecret: string;
  currentPassword: string;
  code: string;
}): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; field: "currentPassword" | "code" }> {
  if (!(await currentPasswordMatches(user.id, currentPassword)))
    return { ok: false, field: "currentPassword" };
  const match = await totpCodeMatches(openTotpSecret(sealedSecret), code);
  if (!match.valid) return { ok: false, field: "code" };
  const codes = await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        totpSecretCipher: sealedSecret,
        totpEnabledAt: new Date(),
        totpLastStep: match.timeStep ?? null,
      })
      .where(eq(users.id, user.id));
    const fresh = await replaceRecoveryCodes(user.id, tx);
    await recordAudit(tx, actor, { action: "enable_two_factor", entityType: "user", entityId: user.id });
    return fresh;
  });
  await endOtherSessionsOf(user.id, user.sessionId);
  await updateSessionData(user.sessionId, (d) => ({
    pending: (d.pending ?? []).filter((p) => p !== "enroll_totp"),
  }));
  return { ok: true, recoveryCodes: codes };
}

export async function beginTotpSetup(user: AccountHolder, newSecret: () => string): Promise<string> {
  let sealed: string | undefined;
  await updateSessionData(user.sessionId, (d) => {
    sealed = d.totpSetupSecret ?? sealTotpSecret(newSecret());
    return { ...d, totpSetupSecret: sealed };
  });
  return sealed!;
}

/** Regenerating recovery codes or turning the second factor off needs the password and a current code. */
export async function changeOwnTotp({
  user,
  actor,
  intent,
  currentPassword,
  code,
}: {
  user: AccountHolder;
  actor: AuditActor;
  intent: "regenerate_codes" | "disable";
  currentPassword: string;
  code: string;
}): Promise<
  { ok: true; recoveryCodes?: string[] } | { ok: false; field: "currentPassword" | "code" | "intent" }
> {
  if (!(await currentPasswordMatches(user.id, currentPassword)))
    return { ok: false, field: "currentPassword" };
  if (!(await verifyUserTotp(user.id, code))) return { ok: false, field: "code" };
  if (intent === "disable") {
    if (requiresSecondFactor(user.role)) return { ok: false, field: "intent" };
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ totpSecretCipher: null, totpEnabledAt: null, totpLastStep: null })
        .where(eq(users.id, user.id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
      await recordAudit(tx, actor, { action: "disable_two_factor", entityType: "user", entityId: user.id });
    });
    return { ok: true };
  }
  const codes = await db.transaction(async (tx) => {
    const fresh = await replaceRecoveryCodes(user.id, tx);
    await recordAudit(tx, actor, {
      action: "regenerate_recovery_codes",
      entityType: "user",
      entityId: user.id,
    });
    return fresh;
  });
  return { ok: true, recoveryCodes: codes };
}
