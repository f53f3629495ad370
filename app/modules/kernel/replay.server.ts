// A repeated post of a form that already succeeded (double click, retry after a dropped connection) must get the
// first result back before any validation runs again: by then the row exists and would be refused as a duplicate.
import { and, eq, isNotNull } from "drizzle-orm";
import { formSubmissions } from "#db/schema";
import { db } from "~/utils/db.server";
import type { LegacyWriteResult as WriteResult } from "./write-result";

export async function previousResult(
  key: string,
  userId: number,
  action: string,
): Promise<WriteResult | null> {
  const [row] = await db
    .select({ result: formSubmissions.result })
    .from(formSubmissions)
    .where(
      and(
        eq(formSubmissions.key, key),
        eq(formSubmissions.userId, userId),
        eq(formSubmissions.action, action),
        isNotNull(formSubmissions.result),
      ),
    );
  const id = (row?.result as { id?: unknown } | undefined)?.id;
  return typeof id === "number" ? { ok: true, id } : null;
}
