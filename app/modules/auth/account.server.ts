// The signed-in user's own settings.
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { db } from "~/utils/db.server";

export async function saveUserLocale({ userId, locale }: { userId: number; locale: "zh-CN" | "en" }) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
