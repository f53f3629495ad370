// Users as the administrator sees them: search, one user with scope names, and the scope choices for the form.
import { and, asc, count, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { facilities, organizations, regions, sessions, users } from "#db/schema";
import type { Role } from "#db/schema/users";
import { db } from "~/utils/db.server";

import { USERS_PAGE_SIZE } from "./schemas";

export async function listUsers({ search, role, page }: { search?: string; role?: Role; page: number }) {
  const where = and(
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

export async function userForAdmin(id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) return null;
  const [live] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, id));
  const { passwordHash: _p, totpSecretCipher: _t, calendarTokenHash: _c, ...safe } = row;
  return { ...safe, sessions: live.n };
}

export async function scopeChoices() {
  const [regionRows, orgRows, stationRows] = await Promise.all([
    db
      .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level })
      .from(regions)
      .where(inArray(regions.level, ["province", "prefecture", "county"]))
      .orderBy(asc(regions.code)),
    db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .orderBy(asc(organizations.name)),
    db
      .select({ id: facilities.id, name: facilities.name, code: facilities.code })
      .from(facilities)
      .where(eq(facilities.kind, "social_work_station"))
      .orderBy(asc(facilities.code)),
  ]);
  return { regions: regionRows, organizations: orgRows, stations: stationRows };
}
