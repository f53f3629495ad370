// 低保 is granted per household and reported in households and persons ("141户351人"): the one definition of both.
// Persons: active people in care with the 低保 category. Households: the households those persons belong to; a 低保
// person recorded in no household counts as a household of their own (a register not yet grouped into households
// still reports a household for every file, never fewer households than it can prove).
import { and, type SQL, sql } from "drizzle-orm";
import { householdMembers, people, regions } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { patternOfPrefix } from "~/modules/regions/codes";
import { db, queryRows } from "~/utils/db.server";

export type DibaoCounts = { households: number; persons: number; withoutHousehold: number };

/** A person on 低保 today (the register keeps the category, not its dates). */
export const onDibao = (): SQL => sql`(${people.status} = 'active' and 'dibao' = any(${people.categories}))`;

/**
 * 低保 households and persons among the people the user may count, in the region below `prefix` (a region's
 * significant code digits; "" for all the user's scope).
 */
export async function dibaoCounts({
  user,
  prefix = "",
}: {
  user: SessionUser;
  prefix?: string;
}): Promise<DibaoCounts> {
  const inRegion = prefix
    ? sql`${people.villageId} in (select ${regions.id} from ${regions} where ${regions.code} like ${patternOfPrefix(prefix)})`
    : sql`true`;
  const [row] = await queryRows<DibaoCounts>(
    db,
    sql`select count(*)::int as persons,
          count(distinct coalesce(${householdMembers.householdId}, -${people.id}))::int as households,
          count(*) filter (where ${householdMembers.householdId} is null)::int as "withoutHousehold"
        from ${people} left join ${householdMembers} on ${householdMembers.personId} = ${people.id}
        where ${and(onDibao(), inRegion, peopleInScope(user))}`,
  );
  return row ?? { households: 0, persons: 0, withoutHousehold: 0 };
}
