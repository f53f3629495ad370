// In-app notifications about flags and edit requests, written in each recipient's own language.
import { and, eq, isNull } from "drizzle-orm";
import { users } from "#db/schema";
import { sendNotifications } from "~/modules/notifications/send.server";
import type { DbOrTx } from "~/utils/db.server";

type Message = { key: string; params?: Record<string, unknown>; body?: string | null; link: string };

async function send(db: DbOrTx, recipients: { id: number; locale: string }[], message: Message) {
  await sendNotifications(db, recipients, { ...message, key: `activities:notify.${message.key}` });
}

/** Everyone (enabled) on an organization's staff. */
export async function notifyOrganization(db: DbOrTx, organizationId: number, message: Message) {
  const recipients = await db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(
      and(eq(users.organizationId, organizationId), eq(users.role, "org_staff"), isNull(users.disabledAt)),
    );
  await send(db, recipients, message);
}

export async function notifyUser(db: DbOrTx, userId: number | null, message: Message) {
  if (!userId) return;
  const recipients = await db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  await send(db, recipients, message);
}
