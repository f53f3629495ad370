// "Covers its township" in SQL: a station in operation or in trial operation (试运行), as coverage/math.ts counts it.
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { coveringFacilityStatuses } from "#db/schema/enums";
import { literalValues } from "~/utils/sql-literals";

const covering = literalValues(coveringFacilityStatuses);

/** The status column (or expression) is one that covers; parenthesised so it splices into any condition. */
export function coveringStatus(status: AnyColumn | SQL): SQL {
  return sql`(${status} in (${covering}))`;
}
