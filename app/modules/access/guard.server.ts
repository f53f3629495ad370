// The permission guard: who is signed in, and may they do this? Every loader and action starts here.
import { redirect } from "@remix-run/node";
import { eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  facilities,
  notifications,
  organizations,
  regions,
  roleAssignments,
  sessions,
  users,
} from "#db/schema";
import type { RegionLevel, Role } from "#db/schema/enums";
import { currentLoadContext } from "~/load-context";
import { isReadOnlyRole, type Permission, readOnlyRoleMayPost, roleHas } from "~/modules/access/permissions";
import { type Assignment, assignmentKey, type Scope, type SessionUser } from "~/modules/access/types";
import {
  hashSessionId,
  keepSessionAlive,
  readSessionId,
  type SessionData,
  sessionIsUnexpired,
} from "~/modules/auth/session.server";
import { codePrefix } from "~/modules/regions/codes";
import { type Db, preparedOnPrimary, primaryDb } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";

const township = alias(regions, "township");

/** A user with what their scope needs, optionally with the session row they are signed in with (one query). */
export function userRows(where: SQL, withSession: boolean, on: Db = primaryDb) {
  // why: on the primary even when the page reads from a replica, so an ended session or a disabled account takes
  // effect on the very next request, not after the replica's lag.
  const query = on
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
      // why: in the same query, so an account with several roles costs no extra round trip; null for most accounts.
      more: sql<ExtraAssignment[] | null>`(select json_agg(json_build_object(
          'role', ra.role, 'isStationHead', ra.is_station_head,
          'region', case when r.id is null then null else json_build_object('id', r.id, 'code', r.code, 'level', r.level, 'name', r.name, 'nameBo', r.name_bo) end,
          'organization', case when o.id is null then null else json_build_object('id', o.id, 'name', o.name) end,
          'facility', case when f.id is null then null else json_build_object('id', f.id, 'name', f.name) end,
          'township', case when t.id is null then null else json_build_object('id', t.id, 'code', t.code) end
        ) order by ra.id)
        from ${roleAssignments} ra
        left join ${regions} r on r.id = ra.region_id
        left join ${organizations} o on o.id = ra.organization_id
        left join ${facilities} f on f.id = ra.facility_id
        left join ${regions} t on t.id = f.township_id
        where ra.user_id = ${users.id})`,
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

/** The session's user, with the session row and the bell's count: every request runs it, so it is built once. */
const sessionUserRows = preparedOnPrimary(
  (primary) =>
    userRows(sessionIsUnexpired(sql.placeholder("hashed"), sql.placeholder("now")), true, primary).prepare(
      "session_user",
    ),
  // why: found by the session's key and then by primary keys, whatever the values; planning it on every request cost
  // PostgreSQL more than running it (db/client.ts, connectionSettings).
  { genericPlan: true },
);
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

type ScopeRows = {
  region: { id: number; code: string; level: RegionLevel; name: string; nameBo: string | null } | null;
  organization: { id: number; name: string } | null;
  facility: { id: number; name: string } | null;
  township: { id: number; code: string } | null;
};
type ExtraAssignment = ScopeRows & { role: Role; isStationHead: boolean };

/** The scope a role holds through these rows, or null when the rows it needs are missing. */
function scopeOf(role: Role, row: ScopeRows): Scope | null {
  switch (role) {
    case "admin":
      return { kind: "all" };
    case "planner":
    case "auditor":
      if (!row.region) return null;
      return {
        kind: "region",
        regionId: row.region.id,
        regionCode: row.region.code,
        regionName: row.region.name,
        regionNameBo: row.region.nameBo,
        codePrefix: codePrefix(row.region.code, row.region.level),
      };
    case "org_staff":
      if (!row.organization) return null;
      return {
        kind: "organization",
        organizationId: row.organization.id,
        organizationName: row.organization.name,
      };
    case "station_staff":
      if (!row.facility || !row.township) return null;
      return {
        kind: "station",
        facilityId: row.facility.id,
        facilityName: row.facility.name,
        townshipId: row.township.id,
        townshipCode: row.township.code,
      };
  }
}

function sessionUserOf(row: UserRow, sessionId: string, data: SessionData): SessionUser | null {
  if (row.user.disabledAt) return null;
  const { user } = row;
  const scope = scopeOf(user.role, row);
  if (!scope) return null;
  const assignments: Assignment[] = [
    { role: user.role, scope, isStationHead: user.isStationHead, primary: true },
  ];
  for (const extra of row.more ?? []) {
    const extraScope = scopeOf(extra.role, extra);
    if (extraScope)
      assignments.push({ role: extra.role, scope: extraScope, isStationHead: extra.isStationHead });
  }
  // The role chosen with the header's switch leads: its home, navigation and scope come first (see `wearing`).
  const chosen = assignments.findIndex((a) => assignmentKey(a) === data.actingAs);
  if (chosen > 0) assignments.unshift(...assignments.splice(chosen, 1));
  const [acting] = assignments;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: acting.role,
    locale: user.locale,
    isStationHead: acting.isStationHead,
    scope: acting.scope,
    assignments,
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
      const [row] = await sessionUserRows().execute({ hashed, now: now.toISOString() });
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
  // why: the account's own role, not the one it works as: switching roles changes no permission.
  const own = user.assignments?.find((a) => a.primary) ?? user;
  if (writes && isReadOnlyRole(own.role) && !readOnlyRoleMayPost(new URL(request.url).pathname)) forbidden();
  return user;
}

/** The user, if their role grants the permission; 403 otherwise. Scope is enforced by the module query. */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = wearing(await requireUser(request), permission);
  if (!user) forbidden();
  return user;
}

/**
 * The user acting in the role that grants the permission: the role they work as when it does (their primary, or the
 * one chosen with the header's switch), else the first other role that does (an organization's worker logging an
 * activity while working as the station's).
 */
export function wearing(user: SessionUser, permission: Permission): SessionUser | null {
  if (roleHas(user.role, permission)) return user;
  const other = user.assignments?.find((a) => roleHas(a.role, permission));
  return other ? { ...user, role: other.role, scope: other.scope, isStationHead: other.isStationHead } : null;
}

export function userCan(user: SessionUser, permission: Permission): boolean {
  return roleHas(user.role, permission);
}

/** Who sees a contract's money (allocations, spending, rates): those who read its funding or its expenditures. */
export function seesContractMoney(user: SessionUser): boolean {
  return userCan(user, "read:funding") || userCan(user, "read:expenditure");
}
