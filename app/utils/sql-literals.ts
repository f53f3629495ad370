// Enum values in raw SQL, checked by tsc against the column they are compared with (ADR 010), so renaming a status
// fails the build instead of a page. Written as literals, not parameters: a partial index (`where status =
// 'scheduled'`) is used only for a literal.
import { type Column, type SQL, sql } from "drizzle-orm";

type ValueOf<C extends Column> = Extract<C["_"]["data"], string>;

const quoted = (values: readonly string[]) => values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");

/** `'a', 'b'`: values typed where they are declared (`as const satisfies readonly PersonCategory[]`). */
export function literalValues(values: readonly string[]): SQL {
  return sql.raw(quoted(values));
}

/** `'value'` alone, for a column read under another name (a CTE's, a subquery's). */
export function literal<C extends Column>(_column: C, value: ValueOf<C>): SQL {
  return sql.raw(quoted([value]));
}

/** `column = 'value'`, parenthesised. */
export function literalEq<C extends Column>(column: C, value: ValueOf<C>): SQL {
  return sql`(${column} = ${sql.raw(quoted([value]))})`;
}

/** `column <> 'value'`, parenthesised. */
export function literalNe<C extends Column>(column: C, value: ValueOf<C>): SQL {
  return sql`(${column} <> ${sql.raw(quoted([value]))})`;
}

/** `column in ('a', 'b')`, parenthesised. */
export function literalIn<C extends Column>(column: C, values: readonly ValueOf<C>[]): SQL {
  return sql`(${column} in (${sql.raw(quoted(values))}))`;
}
