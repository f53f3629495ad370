// Scope in the query, checked against the demo network: each role sees its region, organization or station only.
import { and, count, eq, inArray, type sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contracts, facilities, organizations, people, regions, users, visits } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import { loadSessionUser } from "./guard.server";
import {
  contractsInScope,
  facilitiesInScope,
  isChildFile,
  organizationsInScope,
  peopleInScope,
  regionsInScope,
  visitsInScope,
} from "./scope.server";

useTestDatabase({ template: "demo" });

const as: Record<string, SessionUser> = {};
async function userNamed(email: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const user = await loadSessionUser(row.id);
  if (!user) throw new Error(`no scope for ${email}`);
  return user;
}

beforeAll(async () => {
  for (const email of [
    "admin@demo.local",
    "planner.bayi@demo.local",
    "planner.ngari@demo.local",
    "planner.gar@demo.local",
    "auditor@demo.local",
    "org.gar@demo.local",
    "station.baiba@demo.local",
  ]) {
    as[email] = await userNamed(email);
  }
});

const countWhere = async (
  table: typeof facilities | typeof people | typeof contracts | typeof organizations,
  where: ReturnType<typeof sql>,
) => (await db.select({ n: count() }).from(table).where(where))[0].n;

describe("scopes resolved at sign-in", () => {
  it("gives planners and auditors their region with its code prefix", () => {
    expect(as["planner.bayi@demo.local"].scope).toMatchObject({
      kind: "region",
      regionName: "巴宜区",
      codePrefix: "540402",
    });
    expect(as["planner.ngari@demo.local"].scope).toMatchObject({
      kind: "region",
      regionName: "阿里地区",
      codePrefix: "5425",
    });
    expect(as["auditor@demo.local"].scope).toMatchObject({ kind: "region", codePrefix: "5425" });
    expect(as["org.gar@demo.local"].scope).toMatchObject({
      kind: "organization",
      organizationName: "噶尔县社区服务中心",
    });
    expect(as["station.baiba@demo.local"].scope).toMatchObject({
      kind: "station",
      townshipCode: "540402101000",
    });
  });

  it("refuses a disabled user", async () => {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "planner.gar@demo.local"));
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, row.id));
    expect(await loadSessionUser(row.id)).toBeNull();
    await db.update(users).set({ disabledAt: null }).where(eq(users.id, row.id));
  });
});

describe("facilities in scope", () => {
  it("limits planners to their region and gives the administrator all", async () => {
    expect(await countWhere(facilities, facilitiesInScope(as["admin@demo.local"]))).toBe(39);
    expect(await countWhere(facilities, facilitiesInScope(as["planner.bayi@demo.local"]))).toBe(15);
    expect(await countWhere(facilities, facilitiesInScope(as["planner.ngari@demo.local"]))).toBe(24);
    const gar = await db
      .select({ code: facilities.code })
      .from(facilities)
      .where(facilitiesInScope(as["planner.gar@demo.local"]));
    expect(gar.length).toBeGreaterThan(0);
    expect(gar.every((f) => f.code.startsWith("542523"))).toBe(true);
  });

  it("limits station staff to their township and organization staff to what they run", async () => {
    const station = await db
      .select({ code: facilities.code })
      .from(facilities)
      .where(facilitiesInScope(as["station.baiba@demo.local"]));
    expect(station.map((f) => f.code).sort()).toEqual(["540402101000-HH01", "540402101000-SW01"]);
    const org = await db
      .select({ code: facilities.code })
      .from(facilities)
      .where(facilitiesInScope(as["org.gar@demo.local"]));
    expect(org.map((f) => f.code).sort()).toEqual([
      "542523100000-DC01",
      "542523100000-SW01",
      "542523200000-SW01",
    ]);
  });
});

describe("contracts and organizations in scope", () => {
  it("shows organization staff only their own organization's contracts", async () => {
    const orgId = (as["org.gar@demo.local"].scope as { organizationId: number }).organizationId;
    const rows = await db
      .select({ organizationId: contracts.organizationId })
      .from(contracts)
      .where(contractsInScope(as["org.gar@demo.local"]));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.organizationId === orgId)).toBe(true);
    const orgs = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(organizationsInScope(as["org.gar@demo.local"]));
    expect(orgs).toEqual([{ id: orgId }]);
  });

  it("keeps Bayi's planner out of Ngari's contracts and organizations", async () => {
    const rows = await db
      .select({ code: contracts.code })
      .from(contracts)
      .where(contractsInScope(as["planner.bayi@demo.local"]));
    expect(rows.length).toBe(12);
    expect(rows.every((r) => r.code.startsWith("BYQ-"))).toBe(true);
    const orgs = await db
      .select({ name: organizations.name })
      .from(organizations)
      .where(organizationsInScope(as["planner.bayi@demo.local"]));
    expect(orgs.every((o) => o.name.includes("巴宜区"))).toBe(true);
  });
});

describe("people in scope", () => {
  it("shows children's files to the region's planners and their station, never to auditors or organizations", async () => {
    const childrenIn = async (user: SessionUser) =>
      (
        await db
          .select({ n: count() })
          .from(people)
          .where(and(peopleInScope(user), isChildFile))
      )[0].n;
    expect(await childrenIn(as["planner.ngari@demo.local"])).toBeGreaterThan(0);
    expect(await childrenIn(as["station.baiba@demo.local"])).toBeGreaterThan(0);
    expect(await childrenIn(as["auditor@demo.local"])).toBe(0);
    expect(await childrenIn(as["org.gar@demo.local"])).toBe(0);
    expect(await childrenIn(as["admin@demo.local"])).toBe(0);
  });

  it("limits station staff to their station's people and organizations to their contract areas", async () => {
    const baiba = as["station.baiba@demo.local"].scope as { facilityId: number };
    const station = await db
      .select({ stationId: people.stationId })
      .from(people)
      .where(peopleInScope(as["station.baiba@demo.local"]));
    expect(station.length).toBeGreaterThan(0);
    expect(station.every((p) => p.stationId === baiba.facilityId)).toBe(true);
    const org = await db
      .select({ code: regions.code })
      .from(people)
      .innerJoin(regions, eq(regions.id, people.villageId))
      .where(peopleInScope(as["org.gar@demo.local"]));
    expect(org.length).toBeGreaterThan(0);
    expect(org.every((p) => p.code.startsWith("542523"))).toBe(true);
  });
});

describe("regions and visits in scope", () => {
  it("gives a county planner its county, townships and villages only", async () => {
    const rows = await db
      .select({ code: regions.code, level: regions.level })
      .from(regions)
      .where(regionsInScope(as["planner.gar@demo.local"]));
    expect(rows.filter((r) => r.level === "county").map((r) => r.code)).toEqual(["542523000000"]);
    expect(rows.every((r) => r.code.startsWith("542523"))).toBe(true);
  });

  it("shows station staff only their station's visits and organization staff none", async () => {
    const baiba = as["station.baiba@demo.local"].scope as { facilityId: number };
    const rows = await db
      .select({ stationId: visits.stationId })
      .from(visits)
      .where(visitsInScope(as["station.baiba@demo.local"]));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.stationId))).toEqual(new Set([baiba.facilityId]));
    expect(
      (await db.select({ n: count() }).from(visits).where(visitsInScope(as["org.gar@demo.local"])))[0].n,
    ).toBe(0);
    const bayiStations = await db
      .select({ id: facilities.id })
      .from(facilities)
      .where(facilitiesInScope(as["planner.bayi@demo.local"]));
    const bayiVisits = await db
      .select({ n: count() })
      .from(visits)
      .where(
        and(
          visitsInScope(as["planner.bayi@demo.local"]),
          inArray(
            visits.stationId,
            bayiStations.map((f) => f.id),
          ),
        ),
      );
    const allBayi = await db
      .select({ n: count() })
      .from(visits)
      .where(visitsInScope(as["planner.bayi@demo.local"]));
    expect(bayiVisits[0].n).toBe(allBayi[0].n);
  });
});
