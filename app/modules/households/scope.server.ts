// Which households a user may see: those of villages in their region scope, and any with a member whose file they
// may open (a county-seat station serves villages of townships without a station of their own).
import { type SQL, sql } from "drizzle-orm";
import { householdMembers, households, people, regions } from "#db/schema";
import { peopleInScope, regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";

export function householdsInScope(user: SessionUser): SQL {
  if (user.scope.kind === "all") return sql`true`;
  return sql`(${households.villageId} in (select ${regions.id} from ${regions} where ${regionsInScope(user)})
    or exists (select 1 from ${householdMembers} join ${people} on ${people.id} = ${householdMembers.personId}
      where ${householdMembers.householdId} = ${households.id} and ${peopleInScope(user)}))`;
}
