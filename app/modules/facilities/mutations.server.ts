// Writes to the facility register: create, edit, status changes with history, moving and surveying a location.
// Each runs in one transaction: scoped fetch → checks → race-safe update → audit as the last step.
import { and, count, desc, eq, like, sql } from "drizzle-orm";
import gcoord from "gcoord";
import { facilities, facilityStatusHistory } from "#db/schema";
import type { FacilityKind, FacilityStatus } from "#db/schema/facilities";
import { facilitiesInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { todayInShanghai } from "~/utils/dates";
import { db, type Tx } from "~/utils/db.server";
import { type PlacementProblem, placementProblems, townshipForEditor } from "./placement.server";
import { allowedTransitions, type FacilityFormInput } from "./schemas";

export type MutationResult<T> =
  | { ok: true; value: T }
  | { ok: false; problems: PlacementProblem[] | { field: string; error: string }[] };

const kindLetters: Record<FacilityKind, string> = {
  social_work_station: "SW",
  day_care_centre: "DC",
  happiness_home: "HH",
  support_centre: "SC",
  children_care_centre: "CC",
  elderly_activity_centre: "EA",
};

async function nextFacilityCode(tx: Tx, townshipCode: string, kind: FacilityKind): Promise<string> {
  const prefix = `${townshipCode}-${kindLetters[kind]}`;
  const [{ n }] = await tx
    .select({ n: count() })
    .from(facilities)
    .where(like(facilities.code, `${prefix}%`));
  for (let seq = n + 1; ; seq++) {
    const code = `${prefix}${String(seq).padStart(2, "0")}`;
    const [taken] = await tx.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code));
    if (!taken) return code;
  }
}

function pointOf(input: { lat?: number; lng?: number }) {
  return input.lat != null && input.lng != null ? { lat: input.lat, lng: input.lng } : null;
}

export async function createFacility({
  tx,
  user,
  actor,
  input,
  now = new Date(),
}: {
  tx: Tx;
  user: SessionUser;
  actor: AuditActor;
  input: FacilityFormInput;
  now?: Date;
}): Promise<MutationResult<{ id: number; code: string }>> {
  const township = await townshipForEditor(tx, user, input.townshipCode);
  const point = pointOf(input);
  const problems = placementProblems(township, point);
  if (problems.length) return { ok: false, problems };
  const today = todayInShanghai(now);
  const status: FacilityStatus = input.status ?? "planned";
  const since = input.statusSince ?? today;
  if (since > today)
    return { ok: false, problems: [{ field: "statusSince", error: "validation.futureDate" }] };
  const code = await nextFacilityCode(tx, township!.code, input.kind);
  const [row] = await tx
    .insert(facilities)
    .values({
      code,
      kind: input.kind,
      name: input.name,
      townshipId: township!.id,
      address: input.address ?? null,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      coordQuality: point ? input.coordQuality : "unknown",
      status,
      openedOn: status === "operating" ? since : null,
      capacity: input.capacity ?? null,
      staffCount: input.staffCount ?? 0,
      serviceRadiusM: Math.round(input.serviceRadiusKm * 1000),
      phone: input.phone ?? null,
      notes: input.notes ?? null,
    })
    .returning({ id: facilities.id });
  await tx.insert(facilityStatusHistory).values({
    facilityId: row.id,
    fromStatus: null,
    toStatus: status,
    effectiveOn: since,
    changedBy: user.id,
  });
  await recordAudit(tx, actor, {
    action: "facility.create",
    entityType: "facility",
    entityId: row.id,
    changes: { code, kind: input.kind, name: input.name, township: township!.code, status, point },
  });
  return { ok: true, value: { id: row.id, code } };
}

export async function updateFacility({
  user,
  actor,
  id,
  input,
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
  input: FacilityFormInput;
}): Promise<MutationResult<{ id: number }> | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(facilities)
      .where(and(eq(facilities.id, id), facilitiesInScope(user)))
      .for("update");
    if (!current) return null;
    const township = await townshipForEditor(tx, user, input.townshipCode);
    const point = pointOf(input);
    const problems = placementProblems(township, point);
    if (problems.length) return { ok: false as const, problems };
    const next = {
      kind: input.kind,
      name: input.name,
      townshipId: township!.id,
      address: input.address ?? null,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      coordQuality: point ? input.coordQuality : ("unknown" as const),
      capacity: input.capacity ?? null,
      staffCount: input.staffCount ?? 0,
      serviceRadiusM: Math.round(input.serviceRadiusKm * 1000),
      phone: input.phone ?? null,
      notes: input.notes ?? null,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(next)) {
      const before = current[key as keyof typeof current];
      if (before !== value) changes[key] = { from: before, to: value };
    }
    if (Object.keys(changes).length === 0) return { ok: true as const, value: { id } };
    await tx.update(facilities).set(next).where(eq(facilities.id, id));
    await recordAudit(tx, actor, {
      action: "facility.update",
      entityType: "facility",
      entityId: id,
      changes,
    });
    return { ok: true as const, value: { id } };
  });
}

export async function changeFacilityStatus({
  tx,
  user,
  actor,
  id,
  toStatus,
  effectiveOn,
  note,
  now = new Date(),
}: {
  tx: Tx;
  user: SessionUser;
  actor: AuditActor;
  id: number;
  toStatus: FacilityStatus;
  effectiveOn: string;
  note?: string;
  now?: Date;
}): Promise<MutationResult<{ id: number }> | null> {
  const [current] = await tx
    .select({ status: facilities.status, openedOn: facilities.openedOn })
    .from(facilities)
    .where(and(eq(facilities.id, id), facilitiesInScope(user)))
    .for("update");
  if (!current) return null;
  if (!allowedTransitions[current.status].includes(toStatus))
    return { ok: false, problems: [{ field: "toStatus", error: "facilities:errors.transitionNotAllowed" }] };
  if (effectiveOn > todayInShanghai(now))
    return { ok: false, problems: [{ field: "effectiveOn", error: "validation.futureDate" }] };
  const [last] = await tx
    .select({ effectiveOn: facilityStatusHistory.effectiveOn })
    .from(facilityStatusHistory)
    .where(eq(facilityStatusHistory.facilityId, id))
    .orderBy(desc(facilityStatusHistory.effectiveOn))
    .limit(1);
  if (last && effectiveOn < last.effectiveOn)
    return { ok: false, problems: [{ field: "effectiveOn", error: "facilities:errors.beforeLastChange" }] };
  // why: the status is checked again in the UPDATE so two concurrent changes cannot both apply.
  const updated = await tx
    .update(facilities)
    .set({
      status: toStatus,
      openedOn: toStatus === "operating" && !current.openedOn ? effectiveOn : current.openedOn,
    })
    .where(and(eq(facilities.id, id), eq(facilities.status, current.status)))
    .returning({ id: facilities.id });
  if (updated.length === 0)
    return { ok: false, problems: [{ field: "toStatus", error: "facilities:errors.changedMeanwhile" }] };
  await tx.insert(facilityStatusHistory).values({
    facilityId: id,
    fromStatus: current.status,
    toStatus,
    effectiveOn,
    note: note ?? null,
    changedBy: user.id,
  });
  await recordAudit(tx, actor, {
    action: "facility.status",
    entityType: "facility",
    entityId: id,
    changes: { status: { from: current.status, to: toStatus }, effectiveOn },
    reason: note ?? null,
  });
  return { ok: true, value: { id } };
}

/** Moves a facility; the browser may send GCJ-02 when its base map uses it. */
export async function moveFacility({
  user,
  actor,
  id,
  lat,
  lng,
  datum,
  surveyed,
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
  lat: number;
  lng: number;
  datum: "wgs84" | "gcj02";
  surveyed: boolean;
}): Promise<MutationResult<{ id: number; lat: number; lng: number }> | null> {
  const [x, y] =
    datum === "gcj02"
      ? (gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number])
      : [lng, lat];
  const point = { lng: Math.round(x * 1e6) / 1e6, lat: Math.round(y * 1e6) / 1e6 };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        lat: facilities.lat,
        lng: facilities.lng,
        coordQuality: facilities.coordQuality,
        townshipCode: sql<string>`(select t.code from regions t where t.id = facilities.township_id)`,
      })
      .from(facilities)
      .where(and(eq(facilities.id, id), facilitiesInScope(user)))
      .for("update");
    if (!current) return null;
    const township = await townshipForEditor(tx, user, current.townshipCode);
    const problems = placementProblems(township, point);
    if (problems.length) return { ok: false as const, problems };
    const coordQuality = surveyed ? ("surveyed" as const) : ("approximate" as const);
    await tx
      .update(facilities)
      .set({ ...point, coordQuality })
      .where(eq(facilities.id, id));
    await recordAudit(tx, actor, {
      action: "facility.move",
      entityType: "facility",
      entityId: id,
      changes: {
        point: { from: current.lat == null ? null : { lat: current.lat, lng: current.lng }, to: point },
        coordQuality: { from: current.coordQuality, to: coordQuality },
      },
    });
    return { ok: true as const, value: { id, ...point } };
  });
}

/** Records that the stored position was checked on site. */
export async function markFacilitySurveyed({
  user,
  actor,
  id,
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
}): Promise<MutationResult<{ id: number }> | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ lat: facilities.lat, coordQuality: facilities.coordQuality })
      .from(facilities)
      .where(and(eq(facilities.id, id), facilitiesInScope(user)))
      .for("update");
    if (!current) return null;
    if (current.lat == null)
      return { ok: false as const, problems: [{ field: "lat", error: "facilities:errors.noPointToSurvey" }] };
    if (current.coordQuality === "surveyed") return { ok: true as const, value: { id } };
    await tx.update(facilities).set({ coordQuality: "surveyed" }).where(eq(facilities.id, id));
    await recordAudit(tx, actor, {
      action: "facility.surveyed",
      entityType: "facility",
      entityId: id,
      changes: { coordQuality: { from: current.coordQuality, to: "surveyed" } },
    });
    return { ok: true as const, value: { id } };
  });
}
