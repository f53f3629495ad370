// 低保 is granted per household and reported in households and persons ("141户351人"): the one definition of both.
// Persons: active people in care with the 低保 category. Households: the households those persons belong to; a 低保
// person recorded in no household counts as a household of their own (a register not yet grouped into households
// still reports a household for every file, never fewer households than it can prove).
// As of a past day, who was a 低保 person and where they lived is read from the person history (ADR 015); household
// membership keeps no history, so those persons are grouped into households as the households stand today.
import { and, type SQL, sql } from "drizzle-orm";
import { householdMembers, people, regions } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { personStateOn } from "~/modules/history/person-state.server";
import { patternOfPrefix } from "~/modules/regions/codes";
import { db, queryRows } from "~/utils/db.server";

export type DibaoCounts = { households: number; persons: number; withoutHousehold: number };

/** Today's register in the shape of `personStateOn` (id, categories, status, village_id). */
const registerToday = sql`(select ${people.id} as id, ${people.categories} as categories, ${people.status} as status,
  ${people.villageId} as village_id from ${people})`;

/** A person on 低保, as a condition on a person state `s` (today's register or the history as of a day). */
const onDibao = sql`(s.status = 'active' and 'dibao' = any(s.categories))`;

/**
 * 低保 households and persons among the people the user may count, in the region below `prefix` (a region's
 * significant code digits; "" for all the user's scope). With `asOf`, persons as the register stood that day
 * (categories, status and village from the history), grouped into today's households; without it, today's register.
 */
export async function dibaoCounts({
  user,
  prefix = "",
  asOf,
}: {
  user: SessionUser;
  prefix?: string;
  asOf?: string;
}): Promise<DibaoCounts> {
  const state: SQL = asOf ? personStateOn(asOf) : registerToday;
  const inRegion = prefix
    ? sql`s.village_id in (select ${regions.id} from ${regions} where ${regions.code} like ${patternOfPrefix(prefix)})`
    : sql`true`;
  const [row] = await queryRows<DibaoCounts>(
    db,
    sql`select count(*)::int as persons,
          count(distinct coalesce(${householdMembers.householdId}, -${people.id}))::int as households,
          count(*) filter (where ${householdMembers.householdId} is null)::int as "withoutHousehold"
        from ${people} join ${state} s on s.id = ${people.id}
          left join ${householdMembers} on ${householdMembers.personId} = ${people.id}
        where ${and(onDibao, inRegion, peopleInScope(user))}`,
  );
  return row ?? { households: 0, persons: 0, withoutHousehold: 0 };
}
