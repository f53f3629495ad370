// In-app notifications: the bell's unread count and the user's list.
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { notifications } from "#db/schema";
import { db } from "~/utils/db.server";

export async function unreadNotificationCount(userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications({ userId, limit = 50 }: { userId: number; limit?: number }) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
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
