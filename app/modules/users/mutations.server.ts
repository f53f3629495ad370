// What an administrator changes about accounts. Every change is audited; credentials are never shown twice.
// These writes carry no form key (writeWithoutKey): a repeat is refused by the unique e-mail or is harmless, and the
// one-time password they answer must not be stored with a form key's result.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { recoveryCodes, roleAssignments, sessions, users } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/auth/password.server";
import { fieldProblem, formProblem } from "~/modules/kernel/messages";
import { refuse, writeWithoutKey } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import type { Tx } from "~/utils/db.server";
import { PG, pgError } from "~/utils/db-errors.server";
import type { AddRole, userActionSchema, userFormSchema } from "./schemas";
import { accountsInScope, outsideGrant } from "./scope.server";

type UserInput = z.infer<typeof userFormSchema>;
/** Readable one-time password: 12 characters without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

function scopeColumns(
  input: Pick<UserInput, "role" | "regionId" | "organizationId" | "facilityId" | "isStationHead">,
) {
  return {
    regionId: input.role === "planner" || input.role === "auditor" ? (input.regionId ?? null) : null,
    organizationId: input.role === "org_staff" ? (input.organizationId ?? null) : null,
    facilityId: input.role === "station_staff" ? (input.facilityId ?? null) : null,
    isStationHead: input.role === "station_staff" ? input.isStationHead : false,
  };
}

/** A second account for one e-mail address; on create, also a scope (region, organization, station) that is gone. */
function explainAccount(creating: boolean) {
  return (error: unknown) => {
    const { code } = pgError(error);
    if (code === PG.uniqueViolation) return fieldProblem("email", "admin:users.emailTaken");
    if (creating && code === PG.foreignKeyViolation) return formProblem("validation.invalid");
    return null;
  };
}

/** Refuses a role or scope the viewer may not give (a planner: nothing outside their region, never an administrator). */
async function refuseOutsideGrant(tx: Tx, viewer: SessionUser, input: UserInput | AddRole) {
  const field = await outsideGrant(tx, viewer, input);
  if (field) refuse(fieldProblem(field, "admin:users.outsideScope"));
}

/** An administrator (`viewer`, audited as `actor`) acting on one account within their scope. */
type OnAccount = { actor: AuditActor; viewer: SessionUser; userId: number };

export async function createUser({
  actor,
  viewer,
  input,
}: Omit<OnAccount, "userId"> & { input: UserInput }): Promise<WriteResult<{
  id: number;
  temporaryPassword: string;
}> | null> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return writeWithoutKey({ explain: explainAccount(true) }, async (tx) => {
    await refuseOutsideGrant(tx, viewer, input);
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
    return { id: row.id, temporaryPassword: password };
  });
}

/** The account, locked for a change; null when there is none the viewer manages. */
async function lockUser(tx: Tx, userId: number, viewer: SessionUser) {
  const [row] = await tx
    .select({ role: users.role, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), accountsInScope(viewer)))
    .for("update");
  return row ?? null;
}

export async function updateUser({
  actor,
  viewer,
  userId,
  input,
}: OnAccount & { input: UserInput }): Promise<WriteResult | null> {
  return writeWithoutKey({ explain: explainAccount(false) }, async (tx) => {
    const before = await lockUser(tx, userId, viewer);
    if (!before) return null;
    await refuseOutsideGrant(tx, viewer, input);
    await tx
      .update(users)
      .set({
        email: input.email,
        name: input.name,
        role: input.role,
        phone: input.phone ?? null,
        ...scopeColumns(input),
      })
      .where(eq(users.id, userId));
    // A new role or scope takes effect at the next sign-in: end current sessions.
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "user",
      entityId: userId,
      changes: { before, after: { email: input.email, role: input.role, ...scopeColumns(input) } },
    });
    return { id: userId };
  });
}

export type UserAction = z.infer<typeof userActionSchema>["intent"];

/** Disabling, enabling, ending sessions, resetting two-factor sign-in or the password (answered once). */
export async function applyUserAction({
  actor,
  viewer,
  userId,
  intent,
}: OnAccount & { intent: UserAction }): Promise<WriteResult<{ temporaryPassword: string | null }> | null> {
  const password = intent === "reset_password" ? temporaryPassword() : null;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return writeWithoutKey({}, async (tx) => {
    if (!(await lockUser(tx, userId, viewer))) return null;
    if (intent === "disable")
      await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    if (intent === "enable") await tx.update(users).set({ disabledAt: null }).where(eq(users.id, userId));
    if (intent === "reset_two_factor") {
      await tx
        .update(users)
        .set({ totpSecretCipher: null, totpEnabledAt: null, totpLastStep: null })
        .where(eq(users.id, userId));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    }
    if (passwordHash)
      await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date() })
        .where(eq(users.id, userId));
    // Every action here ends the user's sessions so it takes effect at once.
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, actor, { action: intent, entityType: "user", entityId: userId });
    return { temporaryPassword: password };
  });
}

/** A further role for an account (e.g. staff of the organization that runs the account's station). */
export async function addRole({
  actor,
  viewer,
  userId,
  input,
}: OnAccount & { input: AddRole }): Promise<WriteResult | null> {
  return writeWithoutKey({ explain: explainAccount(true) }, async (tx) => {
    if (!(await lockUser(tx, userId, viewer))) return null;
    await refuseOutsideGrant(tx, viewer, input);
    const scope = scopeColumns(input);
    const [row] = await tx
      .insert(roleAssignments)
      .values({ userId, role: input.role, ...scope })
      .returning({ id: roleAssignments.id });
    await recordAudit(tx, actor, {
      action: "role.add",
      entityType: "user",
      entityId: userId,
      changes: { assignment: row.id, role: input.role, ...scope },
    });
    return { id: userId };
  });
}

export async function removeRole({
  actor,
  viewer,
  userId,
  assignmentId,
}: OnAccount & { assignmentId: number }): Promise<WriteResult | null> {
  return writeWithoutKey({}, async (tx) => {
    if (!(await lockUser(tx, userId, viewer))) return null;
    const [gone] = await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)))
      .returning({ role: roleAssignments.role });
    if (!gone) return null;
    await recordAudit(tx, actor, {
      action: "role.remove",
      entityType: "user",
      entityId: userId,
      changes: { assignment: assignmentId, role: gone.role },
    });
    return { id: userId };
  });
}
