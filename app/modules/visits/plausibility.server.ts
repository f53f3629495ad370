// Runs the plausibility checks on a visit just recorded, inside its transaction, and stores a flag for each that
// fires (visit_flags). Nothing here refuses: a flag is a question for the planner and the worker.
import { and, eq, gte, isNotNull, lte, ne } from "drizzle-orm";
import hashDistance from "sharp-phash/distance";
import {
  activityPhotos,
  people,
  regions,
  type VisitFlagKind,
  visitFlags,
  visitPhotos,
  visits,
} from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { burst, clockSkew, farFromVillage, type PlausibilitySettings, tooFast } from "./plausibility";

export function plausibilitySettings(): PlausibilitySettings {
  const e = env();
  return {
    farKm: e.VISIT_FAR_KM,
    farApproxKm: e.VISIT_FAR_APPROX_KM,
    maxSpeedKmh: e.VISIT_MAX_SPEED_KMH,
    clockSkewMinutes: e.VISIT_CLOCK_SKEW_MINUTES,
    burstCount: e.VISIT_BURST_COUNT,
    burstMinutes: e.VISIT_BURST_MINUTES,
    photoHashDistance: e.VISIT_PHOTO_HASH_DISTANCE,
  };
}

type Flag = { kind: VisitFlagKind; detail: Record<string, unknown> };

const DAY_MS = 86_400_000;

/** Where a visit happened: the device's position, else its village's point. */
const placeOf = (v: { lat: number | null; lng: number | null; vLat: number | null; vLng: number | null }) =>
  v.lat !== null && v.lng !== null
    ? { lat: v.lat, lng: v.lng }
    : v.vLat !== null && v.vLng !== null
      ? { lat: v.vLat, lng: v.vLng }
      : null;

const columns = {
  id: visits.id,
  stationId: visits.stationId,
  completedAt: visits.completedAt,
  completedBy: visits.completedBy,
  deviceTime: visits.deviceTime,
  lat: visits.lat,
  lng: visits.lng,
  accuracyM: visits.accuracyM,
  vLat: regions.lat,
  vLng: regions.lng,
  vQuality: regions.coordQuality,
};

/** The worker's other visits recorded within a day either side (read through visits_completed_by_at_idx). */
export function sameWorkerAround(
  tx: DbOrTx,
  { worker, visitId, at }: { worker: number; visitId: number; at: Date },
) {
  return tx
    .select(columns)
    .from(visits)
    .innerJoin(people, eq(people.id, visits.personId))
    .innerJoin(regions, eq(regions.id, people.villageId))
    .where(
      and(
        eq(visits.completedBy, worker),
        ne(visits.id, visitId),
        isNotNull(visits.completedAt),
        gte(visits.completedAt, new Date(at.getTime() - DAY_MS)),
        lte(visits.completedAt, new Date(at.getTime() + DAY_MS)),
      ),
    );
}

/** Checks the recorded visit; answers how many flags it raised. */
export async function checkPlausibility(
  tx: DbOrTx,
  {
    visitId,
    now,
    settings = plausibilitySettings(),
  }: { visitId: number; now: Date; settings?: PlausibilitySettings },
): Promise<number> {
  // why: the visit and its photos' hashes are asked for together (one round trip less per outcome, issue 17).
  const [[v], mine] = await Promise.all([
    tx
      .select(columns)
      .from(visits)
      .innerJoin(people, eq(people.id, visits.personId))
      .innerJoin(regions, eq(regions.id, people.villageId))
      .where(eq(visits.id, visitId)),
    photoHashesOf(tx, visitId),
  ]);
  if (!v?.completedAt) return 0;
  const flags: Flag[] = [];
  if (v.lat !== null && v.lng !== null && v.vLat !== null && v.vLng !== null) {
    const far = farFromVillage(
      { lat: v.lat, lng: v.lng, accuracyM: v.accuracyM },
      { lat: v.vLat, lng: v.vLng, surveyed: v.vQuality === "surveyed" },
      settings,
    );
    if (far) flags.push({ kind: "far_from_village", detail: far });
  }
  if (v.deviceTime) {
    const skew = clockSkew(v.deviceTime, now, settings);
    if (skew) flags.push({ kind: "clock_skew", detail: skew });
  }
  if (v.completedBy !== null) {
    const at = v.completedAt;
    const others = await sameWorkerAround(tx, { worker: v.completedBy, visitId: v.id, at });
    const here = placeOf(v);
    if (here) {
      const fast = others
        .map((o) => {
          const there = placeOf(o);
          return there && o.completedAt
            ? { other: o.id, found: tooFast({ ...here, at }, { ...there, at: o.completedAt }, settings) }
            : null;
        })
        .find((c) => c?.found);
      if (fast?.found) flags.push({ kind: "too_fast", detail: { otherVisitId: fast.other, ...fast.found } });
    }
    const many = burst(
      at,
      others.flatMap((o) => (o.completedAt ? [o.completedAt] : [])),
      settings,
    );
    if (many) flags.push({ kind: "burst", detail: { ...many, minutes: settings.burstMinutes } });
  }
  flags.push(...(await reusedPhotoFlags(tx, { visitId, mine }, settings)));
  if (flags.length)
    await tx
      .insert(visitFlags)
      .values(flags.map((f) => ({ visitId, stationId: v.stationId, kind: f.kind, detail: f.detail })));
  return flags.length;
}

function photoHashesOf(tx: DbOrTx, visitId: number) {
  return tx
    .select({ id: visitPhotos.id, phash: visitPhotos.phash })
    .from(visitPhotos)
    .where(and(eq(visitPhotos.visitId, visitId), isNotNull(visitPhotos.phash)));
}

/** A photo of this visit (`mine`) whose perceptual hash matches a photo of another visit or of an activity. */
async function reusedPhotoFlags(
  tx: DbOrTx,
  { visitId, mine }: { visitId: number; mine: { id: number; phash: string | null }[] },
  s: PlausibilitySettings,
): Promise<Flag[]> {
  if (mine.length === 0) return [];
  // A 64-bit hash compared in SQL by bit count would need an extension; the candidate set is small per station and
  // photos are few, so the comparison runs here over hashes only.
  const [others, activityOthers] = await Promise.all([
    tx
      .select({ visitId: visitPhotos.visitId, phash: visitPhotos.phash })
      .from(visitPhotos)
      .where(and(ne(visitPhotos.visitId, visitId), isNotNull(visitPhotos.phash))),
    tx
      .select({ activityId: activityPhotos.activityId, phash: activityPhotos.phash })
      .from(activityPhotos)
      .where(isNotNull(activityPhotos.phash)),
  ]);
  const flags: Flag[] = [];
  for (const photo of mine) {
    const same = (hash: string | null) =>
      hash !== null && hashDistance(photo.phash!, hash) <= s.photoHashDistance;
    const visit = others.find((o) => same(o.phash));
    const activity = activityOthers.find((o) => same(o.phash));
    if (visit || activity)
      flags.push({
        kind: "reused_photo",
        detail: {
          photoId: photo.id,
          otherVisitId: visit?.visitId ?? null,
          activityId: activity?.activityId ?? null,
        },
      });
  }
  return flags.slice(0, 1);
}
