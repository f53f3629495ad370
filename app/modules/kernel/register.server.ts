// A register a planner keeps for their region (organizations, care projects): each row has a region and a unique
// code. Creating and editing one is the same everywhere: the region must be managed, the code nobody else's, the
// write audited. The module names its table, code and values; this is the one write path they share (ADR 008).
import { and, eq } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { managedRegion, refuseUnlessManaged } from "~/modules/access/region-choices.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import type { DbOrTx } from "~/utils/db.server";
import { diffChanges } from "./changes";
import { uniqueCode } from "./unique-code.server";
import { type Writer, write } from "./write.server";
import type { WriteResult } from "./write-result";

type RegisterTable = PgTable & { id: AnyPgColumn; name: AnyPgColumn; regionId: AnyPgColumn };

type Register<Input extends { regionId: number }, Row extends Record<string, unknown>> = {
  table: RegisterTable;
  /** The audit's entity type. */
  entityType: string;
  /** The prefix of the write's audit action ("organization" → "organization.create", "organization.update"). */
  actionPrefix: string;
  /** The unique code: its column, its form field (the input's key), message (given the holder's name), unique index. */
  code: { column: AnyPgColumn; field: keyof Input & string; messageKey: string; constraint: string };
  /** The row's columns from the form's input. */
  values: (input: Input) => Row;
};

export function regionRegister<Input extends { regionId: number }, Row extends Record<string, unknown>>(
  spec: Register<Input, Row>,
) {
  const { column, ...named } = spec.code;
  const codeOf = (input: Input) => String(input[spec.code.field]);
  const code = uniqueCode({
    table: spec.table,
    id: spec.table.id,
    name: spec.table.name,
    code: column,
    ...named,
  });
  // why: drizzle cannot type an insert or update of a table only known to have an id and a region; the module's
  // values are its table's columns, which is what its own typed `values` function states.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const table = spec.table as any;

  /** The region must be one the planner manages, and the code no other row's. */
  async function check(tx: DbOrTx, user: SessionUser, input: Input, exceptId?: number) {
    await refuseUnlessManaged(user, input.regionId, tx);
    await code.refuseIfHeld(tx, codeOf(input), exceptId);
  }

  async function create({ user, actor, key, input }: Writer & { input: Input }): Promise<WriteResult | null> {
    const action = `${spec.actionPrefix}.create`;
    return write({ user, key, action, explain: code.explain(codeOf(input)) }, async (tx) => {
      await check(tx, user, input);
      const values = spec.values(input);
      const [row] = await tx.insert(table).values(values).returning({ id: spec.table.id });
      const id = Number(row.id);
      await recordAudit(tx, actor, { action, entityType: spec.entityType, entityId: id, changes: values });
      return { id };
    });
  }

  async function update({
    user,
    actor,
    key,
    id,
    input,
  }: Writer & { id: number; input: Input }): Promise<WriteResult | null> {
    const action = `${spec.actionPrefix}.update`;
    return write({ user, key, action, explain: code.explain(codeOf(input), id) }, async (tx) => {
      await check(tx, user, input, id);
      const [before]: Record<string, unknown>[] = await tx
        .select()
        .from(table)
        .where(and(eq(spec.table.id, id), managedRegion(user, spec.table.regionId)))
        .for("update");
      if (!before) return null;
      const next = spec.values(input);
      await tx.update(table).set(next).where(eq(spec.table.id, id));
      await recordAudit(tx, actor, {
        action,
        entityType: spec.entityType,
        entityId: id,
        changes: diffChanges(before, next),
      });
      return { id };
    });
  }

  return { create, update };
}
