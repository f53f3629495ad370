// Writes to the facility register: create, edit, status changes with history, moving and surveying a location.
// Each is one write (ADR 008): scoped fetch → checks → race-safe update → audit as the last step.
import { and, count, desc, eq, like, sql } from "drizzle-orm";
import gcoord from "gcoord";
import { facilities, facilityStatusHistory, regions } from "#db/schema";
import { type FacilityKind, type FacilityStatus, isCoveringStatus } from "#db/schema/facilities";
import { facilitiesInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldProblem, message } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import type { WriteResult } from "~/modules/kernel/write-result";
import { todayInShanghai } from "~/utils/dates";
import type { Tx } from "~/utils/db.server";
import { assertPlacement, townshipForEditor } from "./placement.server";
import { allowedTransitions, type FacilityFormInput } from "./schemas";

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

/** Where the form places the facility: its township in the editor's scope, and its point when one was given. */
async function placeFrom(tx: Tx, user: SessionUser, input: FacilityFormInput) {
  const township = await townshipForEditor(tx, user, input.townshipCode);
  const point = input.lat != null && input.lng != null ? { lat: input.lat, lng: input.lng } : null;
  assertPlacement(township, point);
  return { township, point };
}

/** The register's columns as the form sets them (create and edit alike). */
function registerColumns(
  input: FacilityFormInput,
  townshipId: number,
  point: { lat: number; lng: number } | null,
) {
  return {
    kind: input.kind,
    name: input.name,
    townshipId,
    address: input.address ?? null,
    lat: point?.lat ?? null,
    lng: point?.lng ?? null,
    coordQuality: point ? input.coordQuality : ("unknown" as const),
    capacity: input.capacity ?? null,
    staffTarget: input.staffTarget ?? null,
    serviceRadiusM: Math.round(input.serviceRadiusKm * 1000),
    phone: input.phone ?? null,
    notes: input.notes ?? null,
  };
}

export async function createFacility({
  user,
  actor,
  key,
  input,
  now = new Date(),
}: Writer & { input: FacilityFormInput; now?: Date }): Promise<WriteResult<{
  id: number;
  code: string;
}> | null> {
  return write({ user, key, action: "facility.create" }, async (tx) => {
    const { township, point } = await placeFrom(tx, user, input);
    const today = todayInShanghai(now);
    const status: FacilityStatus = input.status ?? "planned";
    const since = input.statusSince ?? today;
    if (since > today) refuse(fieldProblem("statusSince", "validation.futureDate"));
    const code = await nextFacilityCode(tx, township.code, input.kind);
    const [row] = await tx
      .insert(facilities)
      .values({
        code,
        ...registerColumns(input, township.id, point),
        status,
        openedOn: isCoveringStatus(status) ? since : null,
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
      changes: { code, kind: input.kind, name: input.name, township: township.code, status, point },
    });
    return { id: row.id, code };
  });
}

/** The facility locked for a change, when it is in the user's scope. */
async function lockFacility(tx: Tx, user: SessionUser, facilityId: number) {
  const [row] = await tx
    .select({
      id: facilities.id,
      kind: facilities.kind,
      name: facilities.name,
      townshipId: facilities.townshipId,
      // why: nested, so its columns keep their table (a select from one table drops it from a field's own columns).
      townshipCode: sql<string>`${sql`(select ${regions.code} from ${regions} where ${regions.id} = ${facilities.townshipId})`}`,
      address: facilities.address,
      lat: facilities.lat,
      lng: facilities.lng,
      coordQuality: facilities.coordQuality,
      capacity: facilities.capacity,
      staffTarget: facilities.staffTarget,
      serviceRadiusM: facilities.serviceRadiusM,
      phone: facilities.phone,
      notes: facilities.notes,
      status: facilities.status,
      openedOn: facilities.openedOn,
    })
    .from(facilities)
    .where(and(eq(facilities.id, facilityId), facilitiesInScope(user)))
    .for("update");
  return row ?? null;
}

export async function updateFacility({
  user,
  actor,
  key,
  facilityId,
  input,
}: Writer & { facilityId: number; input: FacilityFormInput }): Promise<WriteResult | null> {
  return write({ user, key, action: "facility.update" }, async (tx) => {
    const current = await lockFacility(tx, user, facilityId);
    if (!current) return null;
    const { township, point } = await placeFrom(tx, user, input);
    const next = registerColumns(input, township.id, point);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(next)) {
      const before = current[key as keyof typeof current];
      if (before !== value) changes[key] = { from: before, to: value };
    }
    if (Object.keys(changes).length === 0) return { id: facilityId };
    await tx.update(facilities).set(next).where(eq(facilities.id, facilityId));
    await recordAudit(tx, actor, {
      action: "facility.update",
      entityType: "facility",
      entityId: facilityId,
      changes,
    });
    return { id: facilityId };
  });
}

export type StatusChangeInput = { toStatus: FacilityStatus; effectiveOn: string; note?: string };

export async function changeFacilityStatus({
  user,
  actor,
  key,
  facilityId,
  input: { toStatus, effectiveOn, note },
  now = new Date(),
}: Writer & { facilityId: number; input: StatusChangeInput; now?: Date }): Promise<WriteResult | null> {
  return write({ user, key, action: "facility.status" }, async (tx) => {
    const current = await lockFacility(tx, user, facilityId);
    if (!current) return null;
    if (!allowedTransitions[current.status].includes(toStatus))
      refuse(
        fieldProblem(
          "toStatus",
          message("facilities:errors.transitionNotAllowed", { from: current.status, to: toStatus }),
        ),
      );
    if (effectiveOn > todayInShanghai(now)) refuse(fieldProblem("effectiveOn", "validation.futureDate"));
    const [last] = await tx
      .select({ effectiveOn: facilityStatusHistory.effectiveOn })
      .from(facilityStatusHistory)
      .where(eq(facilityStatusHistory.facilityId, facilityId))
      .orderBy(desc(facilityStatusHistory.effectiveOn))
      .limit(1);
    if (last && effectiveOn < last.effectiveOn)
      refuse(fieldProblem("effectiveOn", "facilities:errors.beforeLastChange"));
    // why: the status is checked again in the UPDATE so two concurrent changes cannot both apply.
    const updated = await tx
      .update(facilities)
      .set({
        status: toStatus,
        // The opening day is the first day the station served: trial operation, or operation without a trial.
        openedOn: isCoveringStatus(toStatus) && !current.openedOn ? effectiveOn : current.openedOn,
      })
      .where(and(eq(facilities.id, facilityId), eq(facilities.status, current.status)))
      .returning({ id: facilities.id });
    if (updated.length === 0) refuse(fieldProblem("toStatus", "facilities:errors.changedMeanwhile"));
    await tx.insert(facilityStatusHistory).values({
      facilityId,
      fromStatus: current.status,
      toStatus,
      effectiveOn,
      note: note ?? null,
      changedBy: user.id,
    });
    await recordAudit(tx, actor, {
      action: "facility.status",
      entityType: "facility",
      entityId: facilityId,
      changes: { status: { from: current.status, to: toStatus }, effectiveOn },
      reason: note ?? null,
    });
    return { id: facilityId };
  });
}

export type MoveInput = { lat: number; lng: number; datum: "wgs84" | "gcj02"; surveyed: boolean };

/** Moves a facility; the browser may send GCJ-02 when its base map uses it. */
export async function moveFacility({
  user,
  actor,
  key,
  facilityId,
  input: { lat, lng, datum, surveyed },
}: Writer & { facilityId: number; input: MoveInput }): Promise<WriteResult<{
  id: number;
  lat: number;
  lng: number;
}> | null> {
  const [x, y] =
    datum === "gcj02"
      ? (gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number])
      : [lng, lat];
  const point = { lng: Math.round(x * 1e6) / 1e6, lat: Math.round(y * 1e6) / 1e6 };
  return write({ user, key, action: "facility.move" }, async (tx) => {
    const current = await lockFacility(tx, user, facilityId);
    if (!current) return null;
    assertPlacement(await townshipForEditor(tx, user, current.townshipCode), point);
    const coordQuality = surveyed ? ("surveyed" as const) : ("approximate" as const);
    await tx
      .update(facilities)
      .set({ ...point, coordQuality })
      .where(eq(facilities.id, facilityId));
    await recordAudit(tx, actor, {
      action: "facility.move",
      entityType: "facility",
      entityId: facilityId,
      changes: {
        point: { from: current.lat == null ? null : { lat: current.lat, lng: current.lng }, to: point },
        coordQuality: { from: current.coordQuality, to: coordQuality },
      },
    });
    return { id: facilityId, ...point };
  });
}

/** Records that the stored position was checked on site. */
export async function markFacilitySurveyed({
  user,
  actor,
  key,
  facilityId,
}: Writer & { facilityId: number }): Promise<WriteResult | null> {
  return write({ user, key, action: "facility.surveyed" }, async (tx) => {
    const current = await lockFacility(tx, user, facilityId);
    if (!current) return null;
    if (current.lat == null) refuse(fieldProblem("lat", "facilities:errors.noPointToSurvey"));
    if (current.coordQuality === "surveyed") return { id: facilityId };
    await tx.update(facilities).set({ coordQuality: "surveyed" }).where(eq(facilities.id, facilityId));
    await recordAudit(tx, actor, {
      action: "facility.surveyed",
      entityType: "facility",
      entityId: facilityId,
      changes: { coordQuality: { from: current.coordQuality, to: "surveyed" } },
    });
    return { id: facilityId };
  });
}
