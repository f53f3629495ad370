// The same region-code arithmetic as ./codes.ts, as SQL fragments over a code column (for raw queries that group or
// match regions by code inside the database). Each takes drizzle's column (or an alias's), never a spelled name.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/** How many leading digits a region of the level in `level` fixes (2, 4, 6, 9 or 12). */
export const levelDigitsSql = (level: SQLWrapper): SQL =>
  sql`(case ${level} when 'province' then 2 when 'prefecture' then 4 when 'county' then 6 when 'township' then 9 else 12 end)`;

/** LIKE pattern for a region and everything below it, from its code and level columns. */
export const prefixPatternSql = (code: SQLWrapper, level: SQLWrapper): SQL =>
  sql`(substr(${code}, 1, ${levelDigitsSql(level)}) || '%')`;

/** LIKE pattern for a township's code column and everything below it. */
export const townshipPatternSql = (code: SQLWrapper): SQL => sql`(substr(${code}, 1, 9) || '%')`;

/** The 12-digit code of the county a code column lies in. */
export const countyCodeSql = (code: SQLWrapper): SQL => sql`rpad(substr(${code}, 1, 6), 12, '0')`;

/** The six GB/T 2260 digits of the county a code column lies in. */
export const countyDigitsSql = (code: SQLWrapper): SQL => sql`substr(${code}, 1, 6)`;

/** The county's seat township ("…100") of a code column: see `seatTownshipCode`. */
export const seatTownshipCodeSql = (code: SQLWrapper): SQL => sql`(substr(${code}, 1, 6) || '100000')`;
