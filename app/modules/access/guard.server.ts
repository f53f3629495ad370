// The permission guard: who is signed in, and may they do this? Every loader and action starts here.
import { redirect } from "@remix-run/node";
import { eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, notifications, organizations, regions, sessions, users } from "#db/schema";
import { currentLoadContext } from "~/load-context";
import { isReadOnlyRole, type Permission, readOnlyRoleMayPost, roleHas } from "~/modules/access/permissions";
import type { Scope, SessionUser } from "~/modules/access/types";
import {
  hashSessionId,
  keepSessionAlive,
  readSessionId,
  type SessionData,
  sessionIsUnexpired,
} from "~/modules/auth/session.server";
import { codePrefix } from "~/modules/regions/codes";
import { primaryDb } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";

const township = alias(regions, "township");

/** A user with what their scope needs, optionally with the session row they are signed in with (one query). */
function userRows(where: SQL, withSession: boolean) {
  // why: on the primary even when the page reads from a replica, so an ended session or a disabled account takes
  // effect on the very next request, not after the replica's lag.
  const query = primaryDb
    .select({
      user: users,
      region: {
        id: regions.id,
        code: regions.code,
        level: regions.level,
        name: regions.name,
        nameBo: regions.nameBo,
      },
      organization: { id: organizations.id, name: organizations.name },
      facility: { id: facilities.id, name: facilities.name },
      township: { id: township.id, code: township.code },
      session: { userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, data: sessions.data },
      // why: every page shows the bell; reading it here saves the root loader a query.
      unread: withSession
        ? sql<number>`(select count(*)::int from ${notifications} n where n.user_id = ${users.id} and n.read_at is null)`
        : sql<number>`0`,
    })
    .from(users)
    .leftJoin(sessions, withSession ? eq(sessions.userId, users.id) : sql`false`)
    .leftJoin(regions, eq(regions.id, users.regionId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(facilities, eq(facilities.id, users.facilityId))
    .leftJoin(township, eq(township.id, facilities.townshipId))
    .where(where)
    .limit(1);
  return query;
}
type UserRow = Awaited<ReturnType<typeof userRows>>[number];

/** A user with their resolved scope, or null when disabled or their scope is incomplete. */
export async function loadSessionUser(
  userId: number,
  sessionId = "",
  data: SessionData = {},
): Promise<SessionUser | null> {
  const [row] = await userRows(eq(users.id, userId), false);
  return row ? sessionUserOf(row, sessionId, data) : null;
}

function sessionUserOf(row: UserRow, sessionId: string, data: SessionData): SessionUser | null {
  if (row.user.disabledAt) return null;
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
        regionNameBo: row.region.nameBo,
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
    pending: data.pending ?? [],
    totpEnabled: Boolean(user.totpEnabledAt),
    glassPersonIds: (data.glass ?? []).filter((g) => g.until > Date.now()).map((g) => g.personId),
  };
}

/** Per Request object, for callers outside an HTTP request (tests calling a loader with a bare Request) and for actions. */
const resolved = new WeakMap<Request, Promise<SessionUser | null>>();

/**
 * The signed-in user, or null. Resolved once per request: the loaders of one GET share one look-up through the
 * request's load context (app/load-context.ts); otherwise once per Request object.
 */
export function getUser(request: Request): Promise<SessionUser | null> {
  const shared = currentLoadContext()?.sessionUsers;
  const cookie = request.headers.get("Cookie") ?? "";
  let pending = resolved.get(request) ?? shared?.get(cookie);
  if (!pending) {
    pending = (async () => {
      const sessionId = await readSessionId(request);
      if (!sessionId) return null;
      // The session and its user in one query (this runs on every request).
      const hashed = hashSessionId(sessionId);
      const now = new Date();
      const [row] = await userRows(sessionIsUnexpired(hashed, now), true);
      const session = await keepSessionAlive(hashed, row?.session ?? undefined, now);
      const user = session && row ? sessionUserOf(row, sessionId, session.data) : null;
      return user ? { ...user, unreadNotifications: row!.unread } : null;
    })();
    resolved.set(request, pending);
    shared?.set(cookie, pending);
  }
  return pending;
}

/** Pages a session with a pending step may still reach. */
const pendingStepPages: Record<SessionUser["pending"][number], string> = {
  change_password: "/account/password",
  enroll_totp: "/account/two-factor",
};

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user && user.pending.length > 0) {
    const path = new URL(request.url).pathname.replace(/\.data$/, "");
    const target = pendingStepPages[user.pending[0]];
    if (path !== target && path !== "/logout" && path !== "/locale") {
      if (path.startsWith("/api/")) throw new Response("Complete sign-in first", { status: 403 });
      throw redirect(target);
    }
  }
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    const isData = url.pathname.startsWith("/api/") || url.pathname.endsWith(".data");
    if (isData) throw new Response("Sign in required", { status: 401 });
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  const writes = request.method !== "GET" && request.method !== "HEAD";
  if (writes && isReadOnlyRole(user.role) && !readOnlyRoleMayPost(new URL(request.url).pathname)) forbidden();
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
