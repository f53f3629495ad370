// The rule "one active contract per facility or project for any day" is an EXCLUDE constraint (migration 0001).
// When the database refuses a write, this names the contract in the way so the planner knows what to change.
import { and, eq, ne, sql } from "drizzle-orm";
import { contracts, organizations } from "#db/schema";
import { type Message, message } from "~/modules/kernel/messages";
import { db } from "~/utils/db.server";
import { pgError } from "~/utils/db-errors.server";

export const OVERLAP_CONSTRAINTS = [
  "contracts_no_overlapping_active_facility",
  "contracts_no_overlapping_active_project",
] as const;

export function isOverlapViolation(error: unknown): boolean {
  return (OVERLAP_CONSTRAINTS as readonly string[]).includes(pgError(error).constraint ?? "");
}

export type ContractInTheWay = {
  id: number;
  code: string;
  title: string;
  organizationName: string;
  startsOn: string;
  endsOn: string;
};

/** The active contract for the same facility or project whose period overlaps the given one. */
export async function contractInTheWay({
  facilityId,
  careProjectId,
  startsOn,
  endsOn,
  exceptId,
}: {
  facilityId: number | null;
  careProjectId: number | null;
  startsOn: string;
  endsOn: string;
  exceptId?: number;
}): Promise<ContractInTheWay | null> {
  const [row] = await db
    .select({
      id: contracts.id,
      code: contracts.code,
      title: contracts.title,
      organizationName: organizations.name,
      startsOn: contracts.startsOn,
      endsOn: contracts.endsOn,
    })
    .from(contracts)
    .innerJoin(organizations, eq(organizations.id, contracts.organizationId))
    .where(
      and(
        eq(contracts.status, "active"),
        facilityId ? eq(contracts.facilityId, facilityId) : eq(contracts.careProjectId, careProjectId!),
        sql`daterange(${contracts.startsOn}, ${contracts.endsOn}, '[]') && daterange(${startsOn}::date, ${endsOn}::date, '[]')`,
        exceptId ? ne(contracts.id, exceptId) : undefined,
      ),
    )
    .orderBy(contracts.startsOn)
    .limit(1);
  return row ?? null;
}

/** The message for the form: "… already has the active contract <code> <title> (<org>, <period>) …". */
export function overlapMessage(c: ContractInTheWay | null): Message {
  if (!c) return "contracts:errors.overlapUnknown";
  return message("contracts:errors.overlap", {
    code: c.code,
    title: c.title,
    organization: c.organizationName,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
  });
}
