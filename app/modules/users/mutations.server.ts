// What an administrator changes about accounts. Every change is audited; credentials are never shown twice.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { recoveryCodes, sessions, users } from "#db/schema";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/auth/password.server";
import { db } from "~/utils/db.server";
import { PG, pgError } from "~/utils/db-errors.server";
import type { userFormSchema } from "./schemas";

type UserInput = z.infer<typeof userFormSchema>;

/** Readable one-time password: 12 characters without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

function scopeColumns(input: UserInput) {
  return {
    regionId: input.role === "planner" || input.role === "auditor" ? (input.regionId ?? null) : null,
    organizationId: input.role === "org_staff" ? (input.organizationId ?? null) : null,
    facilityId: input.role === "station_staff" ? (input.facilityId ?? null) : null,
    isStationHead: input.role === "station_staff" ? input.isStationHead : false,
  };
}

export async function createUser({ input, actor }: { input: UserInput; actor: AuditActor }) {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          role: input.role,
          phone: input.phone ?? null,
          passwordHash,
          mustChangePassword: true,
          ...scopeColumns(input),
        })
        .returning({ id: users.id });
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "user",
        entityId: row.id,
        changes: { email: input.email, role: input.role, ...scopeColumns(input) },
      });
      return row.id;
    });
    return { ok: true as const, id, temporaryPassword: password };
  } catch (error) {
    if (pgError(error).code === PG.uniqueViolation)
      return { ok: false as const, field: "email", message: "admin:users.emailTaken" };
    if (pgError(error).code === PG.foreignKeyViolation)
      return { ok: false as const, field: "", message: "validation.invalid" };
    throw error;
  }
}

export async function updateUser({ id, input, actor }: { id: number; input: UserInput; actor: AuditActor }) {
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx
        .select({ role: users.role, email: users.email })
        .from(users)
        .where(eq(users.id, id));
      if (!before) throw new Response("Not found", { status: 404 });
      await tx
        .update(users)
        .set({
          email: input.email,
          name: input.name,
          role: input.role,
          phone: input.phone ?? null,
          ...scopeColumns(input),
        })
        .where(eq(users.id, id));
      // A new role or scope takes effect at the next sign-in: end current sessions.
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await recordAudit(tx, actor, {
        action: "update",
        entityType: "user",
        entityId: id,
        changes: { before, after: { email: input.email, role: input.role, ...scopeColumns(input) } },
      });
    });
    return { ok: true as const };
  } catch (error) {
    if (pgError(error).code === PG.uniqueViolation)
      return { ok: false as const, field: "email", message: "admin:users.emailTaken" };
    throw error;
  }
}

export async function applyUserAction({
  id,
  intent,
  actor,
}: {
  id: number;
  intent: "disable" | "enable" | "end_sessions" | "reset_two_factor" | "reset_password";
  actor: AuditActor;
}): Promise<{ temporaryPassword?: string }> {
  const password = intent === "reset_password" ? temporaryPassword() : undefined;
  const passwordHash = password ? await hashPassword(password) : undefined;
  await db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
    if (!exists) throw new Response("Not found", { status: 404 });
    if (intent === "disable") await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, id));
    if (intent === "enable") await tx.update(users).set({ disabledAt: null }).where(eq(users.id, id));
    if (intent === "reset_two_factor") {
      await tx
        .update(users)
        .set({ totpSecretCipher: null, totpEnabledAt: null, totpLastStep: null })
        .where(eq(users.id, id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
    }
    if (passwordHash)
      await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date() })
        .where(eq(users.id, id));
    // Every action here ends the user's sessions so it takes effect at once.
    await tx.delete(sessions).where(eq(sessions.userId, id));
    await recordAudit(tx, actor, { action: intent, entityType: "user", entityId: id });
  });
  return { temporaryPassword: password };
}
