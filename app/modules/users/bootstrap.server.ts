// The first administrator of a new installation, created from the command line (`npm run admin:create`): a
// one-time password to change at first sign-in, and a second factor to set up then, like any administrator.
import { count } from "drizzle-orm";
import { z } from "zod";
import { users } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/auth/password.server";
import { db } from "~/utils/db.server";
import { PG, pgError } from "~/utils/db-errors.server";
import { temporaryPassword } from "./mutations.server";

const administratorInput = z.object({
  email: z.string().trim().toLowerCase().max(254).email(),
  name: z.string().trim().min(1).max(100),
});

export async function accountCount(): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return n;
}

export async function createAdministrator(input: {
  email: string;
  name: string;
}): Promise<{ ok: true; id: number; temporaryPassword: string } | { ok: false; problem: string }> {
  const parsed = administratorInput.safeParse(input);
  if (!parsed.success)
    return { ok: false, problem: "a valid --email (and a --name of at most 100 characters)" };
  const { email, name } = parsed.data;
  const password = temporaryPassword();
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          email,
          name,
          role: "admin",
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
        })
        .returning({ id: users.id });
      await recordAudit(
        tx,
        { actorUserId: null, ip: null, requestId: null },
        {
          action: "create",
          entityType: "user",
          entityId: row.id,
          changes: { email, role: "admin", via: "admin:create" },
        },
      );
      return row.id;
    });
    return { ok: true, id, temporaryPassword: password };
  } catch (error) {
    if (pgError(error).code === PG.uniqueViolation)
      return { ok: false, problem: `an account ${email} exists already` };
    throw error;
  }
}
