// In-app notifications about flags and edit requests, written in each recipient's own language.
import { and, eq, isNull } from "drizzle-orm";
import i18next, { type TFunction } from "i18next";
import { notifications, users } from "#db/schema";
import { i18nServerConfig } from "~/modules/i18n/i18next.server";
import type { DbOrTx } from "~/utils/db.server";

const translators = new Map<string, TFunction>();
function t(locale: string): TFunction {
  let fn = translators.get(locale);
  if (!fn) {
    const instance = i18next.createInstance();
    instance.init({ ...i18nServerConfig, lng: locale, initImmediate: false });
    fn = instance.t;
    translators.set(locale, fn);
  }
  return fn;
}

type Message = { key: string; params?: Record<string, unknown>; body?: string | null; link: string };

async function send(db: DbOrTx, recipients: { id: number; locale: string }[], message: Message) {
  if (recipients.length === 0) return;
  await db.insert(notifications).values(
    recipients.map((r) => ({
      userId: r.id,
      title: t(r.locale)(`activities:notify.${message.key}`, message.params ?? {}),
      body: message.body ? message.body.slice(0, 300) : null,
      link: message.link,
    })),
  );
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
