// Facts about this installation kept in app_meta.
import { eq } from "drizzle-orm";
import { appMeta } from "#db/schema";
import { db } from "~/utils/db.server";

export const DEMO_DATA_KEY = "demo_data";

/** True while the database holds the seeded demo network (demo accounts are shown and exempt from 2FA). */
export async function holdsDemoData(): Promise<boolean> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, DEMO_DATA_KEY));
  return row?.value === true;
}
