// TOTP second factor (RFC 6238, authenticator apps) and one-time recovery codes.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { recoveryCodes, users } from "#db/schema";
import { openText, sealText } from "~/utils/crypto.server";
import { type DbOrTx, db } from "~/utils/db.server";

const ISSUER = "社工站服务网络";
const PERIOD = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function sealTotpSecret(secret: string): string {
  return sealText("totp-encryption", secret);
}

export function openTotpSecret(sealed: string): string {
  return openText("totp-encryption", sealed);
}

export async function totpEnrollment(email: string, secret: string) {
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  return { uri, secret, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
}

/** Checks a code against a secret without recording it (enrollment confirmation). */
export async function totpCodeMatches(
  secret: string,
  code: string,
): Promise<{ valid: boolean; timeStep?: number }> {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const now = Math.floor(Date.now() / 1000);
  const result = await verify({ secret, token: code, epoch: now, epochTolerance: PERIOD });
  return result.valid ? { valid: true, timeStep: Math.floor(now / PERIOD) + result.delta } : { valid: false };
}

/**
 * Verifies a user's code and records its time step, so the same code cannot be used twice
 * (the conditional update makes two simultaneous uses of one code succeed at most once).
 */
export async function verifyUserTotp(userId: number, code: string, tx: DbOrTx = db): Promise<boolean> {
  const [user] = await tx
    .select({ sealed: users.totpSecretCipher, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.sealed || !user.enabledAt) return false;
  const match = await totpCodeMatches(openTotpSecret(user.sealed), code);
  if (!match.valid || match.timeStep === undefined) return false;
  const claimed = await tx
    .update(users)
    .set({ totpLastStep: match.timeStep })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, match.timeStep))))
    .returning({ id: users.id });
  return claimed.length === 1;
}

const hashCode = (code: string) =>
  createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");

/** Ten fresh recovery codes (shown once); the old ones stop working. */
export async function replaceRecoveryCodes(userId: number, tx: DbOrTx = db): Promise<string[]> {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(5).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashCode(c) })));
  return codes;
}

/** Uses up one recovery code; true when it was valid and unused. */
export async function consumeRecoveryCode(userId: number, code: string, tx: DbOrTx = db): Promise<boolean> {
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}
