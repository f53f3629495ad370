// The permission guard: who is signed in, and may they do this? Every loader and action starts here.
import { redirect } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, organizations, regions, users } from "#db/schema";
import { type Permission, roleHas } from "~/modules/auth/permissions";
import { liveSessionUserId, readSessionId } from "~/modules/auth/session.server";
import type { Scope, SessionUser } from "~/modules/auth/types";
import { db } from "./db.server";
import { forbidden } from "./http.server";
import { codePrefix } from "./regions";

const township = alias(regions, "township");

export async function loadSessionUser(userId: number, sessionId: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      user: users,
      region: { id: regions.id, code: regions.code, level: regions.level, name: regions.name },
      organization: { id: organizations.id, name: organizations.name },
      facility: { id: facilities.id, name: facilities.name },
      township: { id: township.id, code: township.code },
    })
    .from(users)
    .leftJoin(regions, eq(regions.id, users.regionId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(facilities, eq(facilities.id, users.facilityId))
    .leftJoin(township, eq(township.id, facilities.townshipId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.user.disabledAt) return null;
  const { user } = row;
  let scope: Scope;
  switch (user.role) {
    case "admin":
      scope = { kind: "all" };
      break;
    case "planner":
    case "auditor":
      if (!row.region) return null;
      scope = {
        kind: "region",
        regionId: row.region.id,
        regionCode: row.region.code,
        regionName: row.region.name,
        codePrefix: codePrefix(row.region.code, row.region.level),
      };
      break;
    case "org_staff":
      if (!row.organization) return null;
      scope = {
        kind: "organization",
        organizationId: row.organization.id,
        organizationName: row.organization.name,
      };
      break;
    case "station_staff":
      if (!row.facility || !row.township) return null;
      scope = {
        kind: "station",
        facilityId: row.facility.id,
        facilityName: row.facility.name,
        townshipId: row.township.id,
        townshipCode: row.township.code,
      };
      break;
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    isStationHead: user.isStationHead,
    scope,
    sessionId,
  };
}

const resolved = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user, or null. Resolved once per request. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = resolved.get(request);
  if (!pending) {
    pending = (async () => {
      const sessionId = await readSessionId(request);
      if (!sessionId) return null;
      const userId = await liveSessionUserId(sessionId);
      return userId ? loadSessionUser(userId, sessionId) : null;
    })();
    resolved.set(request, pending);
  }
  return pending;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    const isData = url.pathname.startsWith("/api/") || url.pathname.endsWith(".data");
    if (isData) throw new Response("Sign in required", { status: 401 });
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** The user, if their role grants the permission; 403 otherwise. Scope is enforced by the module query. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roleHas(user.role, permission)) forbidden();
  return user;
}

export function userCan(user: SessionUser, permission: Permission): boolean {
  return roleHas(user.role, permission);
}
