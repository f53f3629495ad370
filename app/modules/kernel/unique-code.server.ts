// A code a register keeps unique (an organization's credit code, a care project's code): the row already holding it
// is named to the user on the form's field, both when a check finds it and when the unique index wins a race.
import { and, eq, ne } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { type DbOrTx, db } from "~/utils/db.server";
import { isConstraintError } from "~/utils/db-errors.server";
import { fieldProblem, message, type Problems } from "./messages";
import { refuse } from "./write.server";

type UniqueCode = {
  table: PgTable;
  id: AnyPgColumn;
  code: AnyPgColumn;
  /** What the holder is called in the message. */
  name: AnyPgColumn;
  /** The form field the problem is shown on. */
  field: string;
  /** The message, given the holder's `name`. */
  messageKey: string;
  /** The unique index's name. */
  constraint: string;
};

export function uniqueCode(spec: UniqueCode) {
  /** The problem to show when another row (not `exceptId`) holds the code; null when none does. */
  async function heldBy(tx: DbOrTx, code: string, exceptId?: number): Promise<Problems | null> {
    const [holder] = await tx
      .select({ name: spec.name })
      .from(spec.table)
      .where(and(eq(spec.code, code), exceptId ? ne(spec.id, exceptId) : undefined));
    return holder ? fieldProblem(spec.field, message(spec.messageKey, { name: String(holder.name) })) : null;
  }
  return {
    /** Refuses the write when another row holds the code. */
    async refuseIfHeld(tx: DbOrTx, code: string, exceptId?: number): Promise<void> {
      const problem = await heldBy(tx, code, exceptId);
      if (problem) refuse(problem);
    },
    /** For `write`'s `explain`: two people registering one code at once both pass the check; the index decides. */
    explain: (code: string, exceptId?: number) => (error: unknown) =>
      isConstraintError(error, spec.constraint) ? heldBy(db, code, exceptId) : null,
  };
}
