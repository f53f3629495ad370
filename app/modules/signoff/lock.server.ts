// The lock an approved month puts on its contract's activities and expenditures: a step the activity and expenditure
// writes call before they create, change or delete anything dated in a month. Reopening the month lifts it.
import { and, eq, inArray } from "drizzle-orm";
import { contractMonths } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";

/**
 * The first of these days' months that is approved (locked) for the contract, or null. Reads the month rows FOR
 * SHARE, so an approval cannot commit between this check and the caller's write (the approval updates the row).
 */
export async function lockedMonthOf(tx: DbOrTx, contractId: number, days: string[]): Promise<string | null> {
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  if (months.length === 0) return null;
  const rows = await tx
    .select({ month: contractMonths.month, status: contractMonths.status })
    .from(contractMonths)
    .where(and(eq(contractMonths.contractId, contractId), inArray(contractMonths.month, months)))
    .orderBy(contractMonths.month)
    .for("share");
  return rows.find((r) => r.status === "approved")?.month ?? null;
}
