// Integer ids from URLs and forms. Client-safe.

/** The largest id a PostgreSQL integer column holds: a larger one names no row, and must not reach a query. */
export const MAX_DB_ID = 2_147_483_647;

/** True for the text of a positive integer id in the database's range: digits only, no sign, exponent or space. */
export function isDbIdText(value: string | null | undefined): value is string {
  return typeof value === "string" && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_DB_ID;
}

/** A route param that must name a row by its id; anything else is a 404 (as for a row out of scope). */
export function routeId(value: string | undefined): number {
  if (!isDbIdText(value)) throw new Response("Not found", { status: 404 });
  return Number(value);
}

/** The id a form field or search param names, or null when it is missing or not an id in the database's range. */
export function dbIdFrom(value: FormDataEntryValue | string | null | undefined): number | null {
  return typeof value === "string" && isDbIdText(value) ? Number(value) : null;
}
