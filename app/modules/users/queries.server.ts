// Users as the administrator sees them: search, one user with scope names, and the scope choices for the form.
import { and, asc, count, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { facilities, organizations, regions, roleAssignments, sessions, users } from "#db/schema";
import type { Role } from "#db/schema/users";
import type { SessionUser } from "~/modules/access/types";
import { db } from "~/utils/db.server";
import { USERS_PAGE_SIZE } from "./schemas";
import { accountsInScope, grantableRoles, grantableScopes } from "./scope.server";

export async function listUsers({
  viewer,
  search,
  role,
  page,
}: {
  viewer: SessionUser;
  search?: string;
  role?: Role;
  page: number;
}) {
  const where = and(
    accountsInScope(viewer),
    search ? or(ilike(users.email, `%${search}%`), ilike(users.name, `%${search}%`)) : undefined,
    role ? eq(users.role, role) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        disabledAt: users.disabledAt,
        totpEnabledAt: users.totpEnabledAt,
        scopeName: sql<string | null>`coalesce(${regions.name}, ${organizations.name}, ${facilities.name})`,
      })
      .from(users)
      .leftJoin(regions, eq(regions.id, users.regionId))
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .leftJoin(facilities, eq(facilities.id, users.facilityId))
      .where(where)
      .orderBy(asc(users.email))
      .limit(USERS_PAGE_SIZE)
      .offset((page - 1) * USERS_PAGE_SIZE),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

/** Whether the viewer manages this account (a form for one outside their scope is a 404 before it is read). */
export async function managesAccount(id: number, viewer: SessionUser): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), accountsInScope(viewer)));
  return Boolean(row);
}

export async function userForAdmin(id: number, viewer: SessionUser) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), accountsInScope(viewer)));
  if (!row) return null;
  const [[live], further] = await Promise.all([
    db.select({ n: count() }).from(sessions).where(eq(sessions.userId, id)),
    db
      .select({
        id: roleAssignments.id,
        role: roleAssignments.role,
        scopeName: sql<string>`coalesce(${regions.name}, ${organizations.name}, ${facilities.name})`,
      })
      .from(roleAssignments)
      .leftJoin(regions, eq(regions.id, roleAssignments.regionId))
      .leftJoin(organizations, eq(organizations.id, roleAssignments.organizationId))
      .leftJoin(facilities, eq(facilities.id, roleAssignments.facilityId))
      .where(eq(roleAssignments.userId, id))
      .orderBy(asc(roleAssignments.id)),
  ]);
  const { passwordHash: _p, totpSecretCipher: _t, calendarTokenHash: _c, ...safe } = row;
  return { ...safe, sessions: live.n, further };
}

/** The roles and scopes the viewer may give an account, for the account forms. */
export async function scopeChoices(viewer: SessionUser) {
  const grant = grantableScopes(viewer);
  const [regionRows, orgRows, stationRows] = await Promise.all([
    db
      .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level })
      .from(regions)
      .where(and(inArray(regions.level, ["province", "prefecture", "county"]), grant.regions))
      .orderBy(asc(regions.code)),
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(grant.organizations)
      .orderBy(asc(organizations.name)),
    db
      .select({ id: facilities.id, name: facilities.name, code: facilities.code })
      .from(facilities)
      .where(and(eq(facilities.kind, "social_work_station"), grant.stations))
      .orderBy(asc(facilities.code)),
  ]);
  return {
    roles: grantableRoles(viewer),
    regions: regionRows,
    organizations: orgRows,
    stations: stationRows,
  };
}
