// In-app notifications: the bell's unread count, the user's list, marking read, and opening one (marks it read).
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { notifications } from "#db/schema";
import { db } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/http.server";

export async function unreadNotificationCount(userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications({
  userId,
  limit = 50,
  offset = 0,
  unreadOnly = false,
}: {
  userId: number;
  limit?: number;
  offset?: number;
  unreadOnly?: boolean;
}) {
  const where = and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(notifications).where(where),
  ]);
  return { items, total };
}

export async function markNotificationsRead({ userId, ids }: { userId: number; ids?: number[] }) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids.length ? ids : [-1]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** Opens one of the user's notifications: marks it read and returns where it points (never off-site). */
export async function openNotification({
  userId,
  id,
}: {
  userId: number;
  id: number;
}): Promise<string | null> {
  const [row] = await db
    .select({ link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) return null;
  if (!row.readAt) await markNotificationsRead({ userId, ids: [id] });
  return safeRedirectPath(row.link, "/notifications");
}
