// Which workers a user sees and which they keep, as conditions for the WHERE clause. Seeing follows the facility
// (facilitiesInScope); keeping is narrower: planners their region's, a station's head their station's, an
// organization its own employees at the facilities it runs.
import { type SQL, sql } from "drizzle-orm";
import { facilities, regions, trainingParticipants, trainings, workers } from "#db/schema";
import { facilitiesInScope, regionIdsUnder, regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";

const FALSE = sql`false`;

/** Workers at facilities the user may see. */
export function workersInScope(user: SessionUser): SQL {
  return sql`(${workers.facilityId} in (select ${facilities.id} from ${facilities} where ${facilitiesInScope(user)}))`;
}

/** Workers whose record the user keeps (may edit, end, and read in full). */
export function workersManagedBy(user: SessionUser): SQL {
  const { scope } = user;
  if (user.role === "admin") return sql`true`;
  if (user.role === "planner" && scope.kind === "region")
    return sql`(${workers.facilityId} in (select ${facilities.id} from ${facilities} where ${facilities.townshipId} in ${regionIdsUnder(scope.codePrefix)}))`;
  if (user.role === "station_staff" && scope.kind === "station" && user.isStationHead)
    return sql`(${workers.facilityId} = ${scope.facilityId})`;
  if (user.role === "org_staff" && scope.kind === "organization")
    return sql`(${workers.employerOrganizationId} = ${scope.organizationId} and ${workersInScope(user)})`;
  return FALSE;
}

/** Facilities where the user may register a worker (the form's choices and the write's check). */
export function facilitiesStaffedBy(user: SessionUser): SQL {
  const { scope } = user;
  if (user.role === "admin") return sql`true`;
  if (user.role === "planner" && scope.kind === "region")
    return sql`(${facilities.townshipId} in ${regionIdsUnder(scope.codePrefix)})`;
  if (user.role === "station_staff" && scope.kind === "station" && user.isStationHead)
    return sql`(${facilities.id} = ${scope.facilityId})`;
  if (user.role === "org_staff" && scope.kind === "organization") return facilitiesInScope(user);
  return FALSE;
}

/** Trainings held in the user's regions, or attended by a worker the user sees. */
export function trainingsInScope(user: SessionUser): SQL {
  return sql`(${trainings.regionId} in (select ${regions.id} from ${regions} where ${regionsInScope(user)})
    or exists (select 1 from ${trainingParticipants} join ${workers} on ${workers.id} = ${trainingParticipants.workerId}
      where ${trainingParticipants.trainingId} = ${trainings.id} and ${workersInScope(user)}))`;
}
