// Writing in-app notifications, each in its recipient's own language (the bell and /notifications read them).
import { and, eq, isNull } from "drizzle-orm";
import i18next, { type TFunction } from "i18next";
import { notifications, users } from "#db/schema";
import { i18nServerConfig } from "~/modules/i18n/i18next.server";
import type { DbOrTx } from "~/utils/db.server";

const translators = new Map<string, TFunction>();
function translatorFor(locale: string): TFunction {
  let fn = translators.get(locale);
  if (!fn) {
    const instance = i18next.createInstance();
    instance.init({ ...i18nServerConfig, lng: locale, initImmediate: false });
    fn = instance.t;
    translators.set(locale, fn);
  }
  return fn;
}

/** `key` is a full i18n key with its namespace ("activities:notify.flagged"). */
export type NotificationMessage = {
  key: string;
  params?: Record<string, unknown>;
  body?: string | null;
  link: string;
};

export async function sendNotifications(
  db: DbOrTx,
  recipients: { id: number; locale: string }[],
  message: NotificationMessage,
) {
  if (recipients.length === 0) return;
  await db.insert(notifications).values(
    recipients.map((r) => ({
      userId: r.id,
      title: translatorFor(r.locale)(message.key, message.params ?? {}),
      body: message.body ? message.body.slice(0, 300) : null,
      link: message.link,
    })),
  );
}

/** Every enabled administrator: alerts about what an account does (see people/id-elsewhere.server.ts). */
export async function notifyAdministrators(db: DbOrTx, message: NotificationMessage) {
  const recipients = await db
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  await sendNotifications(db, recipients, message);
}
