// Which accounts a user may manage: an administrator every one; a planner those whose scope lies inside their region
// (never an administrator), and only with a scope inside it.
import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import { facilities, organizations, regions, users } from "#db/schema";
import type { Role } from "#db/schema/enums";
import { roleHas } from "~/modules/access/permissions";
import { facilityIdsUnder, regionIdsUnder } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import type { Tx } from "~/utils/db.server";

/** Roles the viewer may give an account. */
export function grantableRoles(viewer: SessionUser): readonly Role[] {
  const all: readonly Role[] = ["admin", "planner", "auditor", "org_staff", "station_staff"];
  return all.filter((role) => role !== "admin" || roleHas(viewer.role, "grant:admin_role"));
}

/** Organizations registered in the planner's region (their staff are the region's to manage). */
function organizationIdsUnder(prefix: string) {
  return sql`(select ${organizations.id} from ${organizations} where ${organizations.regionId} in ${regionIdsUnder(prefix)})`;
}

/** A WHERE condition on `users`: the accounts the viewer manages. */
export function accountsInScope(viewer: SessionUser): SQL {
  const { scope } = viewer;
  if (scope.kind === "all") return sql`true`;
  if (scope.kind !== "region") return sql`false`;
  const prefix = scope.codePrefix;
  return and(
    ne(users.role, "admin"),
    sql`(${users.regionId} in ${regionIdsUnder(prefix)} or ${users.organizationId} in ${organizationIdsUnder(prefix)} or ${users.facilityId} in ${facilityIdsUnder(prefix)})`,
  )!;
}

/** Conditions on regions, organizations and stations: the scopes the viewer may give. */
export function grantableScopes(viewer: SessionUser) {
  const { scope } = viewer;
  if (scope.kind === "all") return { regions: sql`true`, organizations: sql`true`, stations: sql`true` };
  if (scope.kind !== "region")
    return { regions: sql`false`, organizations: sql`false`, stations: sql`false` };
  return {
    regions: sql`${regions.code} like ${`${scope.codePrefix}%`}`,
    organizations: sql`${organizations.id} in ${organizationIdsUnder(scope.codePrefix)}`,
    stations: sql`${facilities.id} in ${facilityIdsUnder(scope.codePrefix)}`,
  };
}

type ScopeInput = {
  role: Role;
  regionId?: number | null;
  organizationId?: number | null;
  facilityId?: number | null;
};

/** The field whose choice lies outside what the viewer may give, or null when the role and scope are theirs to give. */
export async function outsideGrant(tx: Tx, viewer: SessionUser, input: ScopeInput): Promise<string | null> {
  if (!grantableRoles(viewer).includes(input.role)) return "role";
  if (viewer.scope.kind === "all") return null;
  const grant = grantableScopes(viewer);
  const found = async (field: string, query: Promise<unknown[]>) => ((await query).length ? null : field);
  if (input.role === "planner" || input.role === "auditor")
    return found(
      "regionId",
      tx
        .select({ id: regions.id })
        .from(regions)
        .where(and(eq(regions.id, input.regionId ?? 0), grant.regions)),
    );
  if (input.role === "org_staff")
    return found(
      "organizationId",
      tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.id, input.organizationId ?? 0), grant.organizations)),
    );
  return found(
    "facilityId",
    tx
      .select({ id: facilities.id })
      .from(facilities)
      .where(and(eq(facilities.id, input.facilityId ?? 0), grant.stations)),
  );
}
