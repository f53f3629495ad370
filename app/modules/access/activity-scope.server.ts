// Which activities a user may see: the rule lives in the WHERE clause, so a row outside it is a 404, never a leak.
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import { activities, contracts } from "#db/schema";
import { byScope, careProjectIdsUnder, facilityIdsUnder, idIn } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";

export function activitiesInScope(user: Pick<SessionUser, "scope">): SQL {
  return byScope(user, {
    region: (scope) =>
      sql`(${idIn(activities.facilityId, facilityIdsUnder(scope.codePrefix))} or ${idIn(activities.careProjectId, careProjectIdsUnder(scope.codePrefix))})`,
    station: (scope) => eq(activities.facilityId, scope.facilityId),
    organization: (scope) => eq(activities.organizationId, scope.organizationId),
  });
}

/** Live (not deleted) activities in scope: what every list, calendar and report counts. */
export function liveActivitiesInScope(user: Pick<SessionUser, "scope">): SQL {
  return and(isNull(activities.deletedAt), activitiesInScope(user))!;
}

/**
 * Contracts the user may log against: active, and the user's own organization's (admins: any).
 * Planners, auditors and station staff log nothing (no write:activity).
 */
export function loggableContracts(user: Pick<SessionUser, "scope">): SQL {
  const active = eq(contracts.status, "active");
  switch (user.scope.kind) {
    case "all":
      return active;
    case "organization":
      return and(active, eq(contracts.organizationId, user.scope.organizationId))!;
    default:
      return sql`false`;
  }
}

/** May this user change activities of this organization (edit, delete, answer flags)? */
export function ownsActivities(user: Pick<SessionUser, "scope">, organizationId: number): boolean {
  return (
    user.scope.kind === "all" ||
    (user.scope.kind === "organization" && user.scope.organizationId === organizationId)
  );
}
