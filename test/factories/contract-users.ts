// Signed-in users for module tests of contracts, funding and budgets: the demo accounts as the permission guard sees
// them (role + scope), without going through HTTP.
import { eq } from "drizzle-orm";
import { facilities, organizations, regions, users } from "#db/schema";
import type { SessionUser } from "~/modules/auth/types";
import { db } from "~/utils/db.server";
import { codePrefix } from "~/utils/regions";

export async function sessionUserFor(email: string): Promise<SessionUser> {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`No user ${email}`);
  let scope: SessionUser["scope"];
  if (u.role === "admin") scope = { kind: "all" };
  else if (u.role === "planner" || u.role === "auditor") {
    const [r] = await db.select().from(regions).where(eq(regions.id, u.regionId!));
    scope = {
      kind: "region",
      regionId: r.id,
      regionCode: r.code,
      regionName: r.name,
      codePrefix: codePrefix(r.code, r.level),
    };
  } else if (u.role === "org_staff") {
    const [o] = await db.select().from(organizations).where(eq(organizations.id, u.organizationId!));
    scope = { kind: "organization", organizationId: o.id, organizationName: o.name };
  } else {
    const [f] = await db.select().from(facilities).where(eq(facilities.id, u.facilityId!));
    const [t] = await db.select().from(regions).where(eq(regions.id, f.townshipId));
    scope = {
      kind: "station",
      facilityId: f.id,
      facilityName: f.name,
      townshipId: t.id,
      townshipCode: t.code,
    };
  }
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    isStationHead: u.isStationHead,
    scope,
    sessionId: "test-session",
  };
}

export const testActor = (user: { id: number }) => ({
  actorUserId: user.id,
  ip: "127.0.0.1",
  requestId: "test",
});
