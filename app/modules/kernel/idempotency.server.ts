// Idempotent form posts: a form carries a random key (hidden field `_key`); the first post with it does the work
// and stores its result, a repeat (double click, retry after a dropped connection) gets that result and writes nothing.
import { and, eq } from "drizzle-orm";
import { formSubmissions } from "#db/schema";
import { db, type Tx } from "~/utils/db.server";

/**
 * Runs `work` once per key inside one transaction. A concurrent duplicate waits on the key's row lock,
 * then sees the committed result. If `work` throws, nothing is stored and the key can be used again.
 */
export async function runOnce<T extends Record<string, unknown>>(
  { key, userId, action }: { key: string; userId: number; action: string },
  work: (tx: Tx) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(formSubmissions)
      .values({ key, userId, action })
      .onConflictDoNothing()
      .returning({ key: formSubmissions.key });
    if (inserted.length === 0) {
      const [previous] = await tx
        .select({ result: formSubmissions.result })
        .from(formSubmissions)
        .where(
          and(
            eq(formSubmissions.key, key),
            eq(formSubmissions.userId, userId),
            eq(formSubmissions.action, action),
          ),
        );
      if (!previous) throw new Response("This form key belongs to another submission", { status: 409 });
      return { result: (previous.result ?? {}) as T, replayed: true };
    }
    const result = await work(tx);
    await tx.update(formSubmissions).set({ result }).where(eq(formSubmissions.key, key));
    return { result, replayed: false };
  });
}
