import { getIssues } from "@placemarkio/check-geojson";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, contracts, facilities, facilityStatusHistory, organizations, regions } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { newFormKey } from "~/modules/kernel/form-key";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import {
  changeFacilityStatus,
  createFacility,
  markFacilitySurveyed,
  moveFacility,
  type StatusChangeInput,
} from "./mutations.server";
import { facilitiesGeoJson, facilityMapPoints, listFacilities, stationCard } from "./queries.server";
import { allowedTransitions, facilityFormSchema } from "./schemas";

useTestDatabase({ template: "demo" });

const base = {
  email: "x@demo.local",
  name: "x",
  locale: "zh-CN" as const,
  isStationHead: false,
  sessionId: "s",
  pending: [],
  totpEnabled: false,
  glassPersonIds: [],
};
const admin: SessionUser = { ...base, id: 1, role: "admin", scope: { kind: "all" } };
const actor = { actorUserId: null, ip: null, requestId: null };

async function regionUser(code: string, role: "planner" | "auditor" = "planner"): Promise<SessionUser> {
  const [r] = await db.select().from(regions).where(eq(regions.code, code));
  const prefix = code.replace(/0+$/, "");
  return {
    ...base,
    id: 1,
    role,
    scope: {
      kind: "region",
      regionId: r.id,
      regionCode: r.code,
      regionName: r.name,
      codePrefix: prefix.length % 2 ? `${prefix}0` : prefix,
    },
  };
}

async function facilityByCode(code: string) {
  const [f] = await db.select().from(facilities).where(eq(facilities.code, code));
  return f;
}

async function stationUser(facilityCode: string): Promise<SessionUser> {
  const f = await facilityByCode(facilityCode);
  const [t] = await db.select().from(regions).where(eq(regions.id, f.townshipId));
  return {
    ...base,
    id: 1,
    role: "station_staff",
    scope: {
      kind: "station",
      facilityId: f.id,
      facilityName: f.name,
      townshipId: t.id,
      townshipCode: t.code,
    },
  };
}

const formInput = (over: Record<string, string>) => {
  const parsed = facilityFormSchema.safeParse({
    kind: "social_work_station",
    name: "测试社工站",
    townshipCode: "540402101000",
    serviceRadiusKm: "15",
    staffTarget: "2",
    ...over,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};

describe("the facilities GeoJSON feed", () => {
  it("is valid RFC 7946 GeoJSON with the documented properties", async () => {
    const text = await facilitiesGeoJson({ user: admin, filters: {} });
    expect(getIssues(text)).toEqual([]);
    const doc = JSON.parse(text);
    const all = await db.select({ id: facilities.id }).from(facilities);
    expect(doc.type).toBe("FeatureCollection");
    expect(doc.features).toHaveLength(all.length);
    const baiba = doc.features.find(
      (f: { properties: { code: string } }) => f.properties.code === "540402101000-SW01",
    );
    expect(Object.keys(baiba.properties)).toEqual(
      expect.arrayContaining(["code", "name", "kind", "status", "township_code", "organization"]),
    );
    expect(baiba.properties.township_code).toBe("540402101000");
    expect(baiba.properties.organization).toEqual(expect.any(String));
    const [lng, lat] = baiba.geometry.coordinates;
    expect(lng).toBeGreaterThan(90);
    expect(lat).toBeLessThan(35);
  });

  it("shows station staff only their township's facilities", async () => {
    const user = await stationUser("540402101000-SW01");
    const doc = JSON.parse(await facilitiesGeoJson({ user, filters: {} }));
    const codes = doc.features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c: string) => c.startsWith("540402101000-"))).toBe(true);
  });

  it("shows organization staff only the facilities their organization runs", async () => {
    const [org] = await db.select().from(organizations).where(eq(organizations.name, "噶尔县社区服务中心"));
    const user: SessionUser = {
      ...base,
      id: 1,
      role: "org_staff",
      scope: { kind: "organization", organizationId: org.id, organizationName: org.name },
    };
    const run = await db
      .selectDistinct({ id: contracts.facilityId })
      .from(contracts)
      .where(and(eq(contracts.organizationId, org.id)));
    const expected = run.map((r) => r.id).filter((id): id is number => id != null);
    const { points } = await facilityMapPoints({ user, filters: {} });
    expect(points.map((p) => p[0]).sort()).toEqual(expected.sort());
    const other = await facilityByCode("540402101000-SW01");
    expect(await stationCard({ user, id: other.id })).toBeNull();
  });

  it("filters by county, kind and status like the map does", async () => {
    const { rows } = await listFacilities({
      user: admin,
      filters: { county: "542523000000", kind: "social_work_station", status: "operating" },
    });
    expect(rows.map((r) => r.code).sort()).toEqual(["542523100000-SW01", "542523200000-SW01"]);
  });
});

describe("the station card", () => {
  it("counts people in care, overdue visits and the last activity from the live tables", async () => {
    const f = await facilityByCode("540402101000-SW01");
    const card = await stationCard({ user: await regionUser("540402000000"), id: f.id });
    expect(card).not.toBeNull();
    expect(card!.townshipName).toBe("百巴镇");
    expect(card!.peopleInCare).toBeGreaterThan(0);
    expect(card!.visitsOverdue).toBeGreaterThanOrEqual(3);
    expect(card!.lastActivityOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(card!.organizationName).toEqual(expect.any(String));
  });

  it("is not found for a planner of another region", async () => {
    const f = await facilityByCode("540402101000-SW01");
    expect(await stationCard({ user: await regionUser("542500000000"), id: f.id })).toBeNull();
  });
});

describe("placing a facility", () => {
  const create = async (user: SessionUser, over: Record<string, string>) =>
    (await createFacility({ user, actor, key: newFormKey(), input: formInput(over) }))!;

  it("refuses a point outside China", async () => {
    const result = await create(admin, { lat: "48.85", lng: "2.35" });
    expect(result).toEqual({ ok: false, fieldErrors: { lat: ["facilities:errors.outsideChina"] } });
  });

  it("refuses a point outside the township's county boundary", async () => {
    // Lhasa is in China but not in Bayi District.
    const result = await create(admin, { lat: "29.65", lng: "91.13" });
    expect(result).toEqual({ ok: false, fieldErrors: { lat: ["facilities:errors.outsideCounty"] } });
  });

  it("refuses a township outside the editor's region", async () => {
    const result = await create(await regionUser("540402000000"), { townshipCode: "542523100000" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { townshipCode: ["facilities:errors.townshipOutOfScope"] },
    });
  });

  it("creates a facility inside its county with a code, a first history entry and an audit record", async () => {
    const baiba = await facilityByCode("540402101000-SW01");
    const result = await create(await regionUser("540402000000"), {
      lat: String(baiba.lat),
      lng: String(baiba.lng! + 0.001),
      name: "百巴镇第二社工站",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.code).toMatch(/^540402101000-SW0[2-9]$/);
    const history = await db
      .select()
      .from(facilityStatusHistory)
      .where(eq(facilityStatusHistory.facilityId, result.value.id));
    expect(history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "planned" })]);
    const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "facility.create", entityId: String(result.value.id) });
  });
});

describe("status changes", () => {
  it("goes through the life cycle 建设 → 竣工验收 → 试运行 → 运营, keeps every change and records the opening day", async () => {
    const f = await facilityByCode("542524200000-SW01"); // 热帮乡: under construction
    const planner = await regionUser("542500000000");
    const change = (input: StatusChangeInput) =>
      changeFacilityStatus({ user: planner, actor, key: newFormKey(), facilityId: f.id, input });
    const skip = await change({ toStatus: "planned", effectiveOn: "2025-01-01" });
    expect(skip).toEqual({
      ok: false,
      fieldErrors: {
        toStatus: [
          {
            key: "facilities:errors.transitionNotAllowed",
            values: { from: "under_construction", to: "planned" },
          },
        ],
      },
    });
    // Built is not open: a station is accepted, then tried, before it operates.
    const straight = await change({ toStatus: "operating", effectiveOn: "2025-03-01" });
    expect(straight).toMatchObject({
      ok: false,
      fieldErrors: { toStatus: [{ values: { from: "under_construction", to: "operating" } }] },
    });
    const early = await change({ toStatus: "accepted", effectiveOn: "2023-01-01" });
    expect(early).toEqual({
      ok: false,
      fieldErrors: { effectiveOn: ["facilities:errors.beforeLastChange"] },
    });
    expect(await change({ toStatus: "accepted", effectiveOn: "2025-02-20", note: "竣工验收通过" })).toEqual({
      ok: true,
      value: { id: f.id },
      replayed: false,
    });
    expect(await facilityByCode("542524200000-SW01")).toMatchObject({ status: "accepted", openedOn: null });
    expect(await change({ toStatus: "trial_operation", effectiveOn: "2025-03-01" })).toMatchObject({
      ok: true,
    });
    expect(await facilityByCode("542524200000-SW01")).toMatchObject({
      status: "trial_operation",
      openedOn: "2025-03-01",
    });
    expect(await change({ toStatus: "operating", effectiveOn: "2025-06-01" })).toMatchObject({ ok: true });
    // The opening day stays the first day it served (the trial), not the day it left the trial.
    expect(await facilityByCode("542524200000-SW01")).toMatchObject({
      status: "operating",
      openedOn: "2025-03-01",
    });
    const history = await db
      .select()
      .from(facilityStatusHistory)
      .where(eq(facilityStatusHistory.facilityId, f.id))
      .orderBy(facilityStatusHistory.effectiveOn);
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "planned"],
      ["planned", "under_construction"],
      ["under_construction", "accepted"],
      ["accepted", "trial_operation"],
      ["trial_operation", "operating"],
    ]);
  });

  it("offers from each status only the next steps of the life cycle, and closing is final", () => {
    expect(allowedTransitions.under_construction).not.toContain("operating");
    expect(allowedTransitions.accepted).toEqual(["trial_operation", "operating", "suspended", "closed"]);
    expect(allowedTransitions.trial_operation).toContain("operating");
    expect(allowedTransitions.closed).toEqual([]);
    for (const [from, tos] of Object.entries(allowedTransitions)) expect(tos, from).not.toContain(from);
  });

  it("is not found for station staff of another township", async () => {
    const f = await facilityByCode("542524200000-SW01");
    const user = await stationUser("540402101000-SW01");
    const result = await changeFacilityStatus({
      user,
      actor,
      key: newFormKey(),
      facilityId: f.id,
      input: { toStatus: "closed", effectiveOn: "2025-03-02" },
    });
    expect(result).toBeNull();
  });
});

describe("moving a facility", () => {
  it("stores WGS-84 when the map sends GCJ-02, and marks the quality", async () => {
    const f = await facilityByCode("540402101000-SW01");
    const planner = await regionUser("540402000000");
    const result = await moveFacility({
      user: planner,
      actor,
      key: newFormKey(),
      facilityId: f.id,
      input: { lat: f.lat! + 0.002, lng: f.lng! + 0.002, datum: "gcj02", surveyed: true },
    });
    expect(result?.ok).toBe(true);
    const after = await facilityByCode("540402101000-SW01");
    expect(after.coordQuality).toBe("surveyed");
    // GCJ-02 is offset a few hundred metres from WGS-84 here; the stored point is the de-offset one.
    expect(Math.abs(after.lat! - (f.lat! + 0.002))).toBeGreaterThan(0.0005);
    expect(Math.abs(after.lat! - (f.lat! + 0.002))).toBeLessThan(0.01);
  });
});

describe("marking a location as surveyed", () => {
  const auditFor = (id: number) =>
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "facility"), eq(auditLog.entityId, String(id))))
      .orderBy(desc(auditLog.id));

  it("sets the surveyed quality without moving the point and records who did it", async () => {
    const before = await facilityByCode("540402103000-SW01");
    expect(before.coordQuality).toBe("approximate");
    const planner = await regionUser("540402000000");
    const result = await markFacilitySurveyed({
      user: planner,
      actor: { actorUserId: null, ip: "127.0.0.1", requestId: "survey-test" },
      key: newFormKey(),
      facilityId: before.id,
    });
    expect(result).toEqual({ ok: true, value: { id: before.id }, replayed: false });
    const after = await facilityByCode("540402103000-SW01");
    expect(after.coordQuality).toBe("surveyed");
    expect([after.lat, after.lng]).toEqual([before.lat, before.lng]);
    const [audit] = await auditFor(before.id);
    expect(audit).toMatchObject({
      action: "facility.surveyed",
      requestId: "survey-test",
      changes: { coordQuality: { from: "approximate", to: "surveyed" } },
    });
  });

  it("writes no second audit entry for a point already surveyed", async () => {
    const f = await facilityByCode("540402103000-SW01");
    const planner = await regionUser("540402000000");
    const entries = (await auditFor(f.id)).length;
    expect(
      await markFacilitySurveyed({ user: planner, actor, key: newFormKey(), facilityId: f.id }),
    ).toMatchObject({ ok: true });
    expect(await auditFor(f.id)).toHaveLength(entries);
  });

  it("is not found for a planner of another region, and changes nothing", async () => {
    const f = await facilityByCode("542523100000-SW01");
    const bayiPlanner = await regionUser("540402000000");
    const entries = (await auditFor(f.id)).length;
    expect(
      await markFacilitySurveyed({ user: bayiPlanner, actor, key: newFormKey(), facilityId: f.id }),
    ).toBeNull();
    const after = await facilityByCode("542523100000-SW01");
    expect(after.coordQuality).toBe(f.coordQuality);
    expect(after.coordQuality).not.toBe("surveyed");
    expect(await auditFor(f.id)).toHaveLength(entries);
  });
});
