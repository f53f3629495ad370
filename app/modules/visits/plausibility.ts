// Plausibility of a recorded visit: pure arithmetic of the checks (distances, speeds, clocks, bursts, photo hashes)
// and their settings. A check never blocks saving; it raises a flag a planner reviews and the worker answers.
export type PlausibilitySettings = {
  farKm: number;
  farApproxKm: number;
  maxSpeedKmh: number;
  clockSkewMinutes: number;
  burstCount: number;
  burstMinutes: number;
  photoHashDistance: number;
};

/** The documented defaults (README "Plausibility checks"); the VISIT_* variables change them. */
export const defaultPlausibility: PlausibilitySettings = {
  farKm: 3,
  farApproxKm: 15,
  maxSpeedKmh: 60,
  clockSkewMinutes: 30,
  burstCount: 5,
  burstMinutes: 10,
  photoHashDistance: 6,
};

export type Point = { lat: number; lng: number };

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in kilometres. */
export function distanceKm(a: Point, b: Point): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Far from the village: the distance less the device's stated accuracy beyond the tolerance, which is wider when the
 * village point is only approximate.
 */
export function farFromVillage(
  position: Point & { accuracyM: number | null },
  village: Point & { surveyed: boolean },
  s: PlausibilitySettings,
): { km: number; toleranceKm: number } | null {
  const km = distanceKm(position, village);
  const toleranceKm = village.surveyed ? s.farKm : s.farApproxKm;
  const slackKm = (position.accuracyM ?? 0) / 1000;
  return km - slackKm > toleranceKm ? { km: round(km), toleranceKm } : null;
}

/** Two visits closer in time than the straight line between them allows at the stated speed. */
export function tooFast(
  a: Point & { at: Date },
  b: Point & { at: Date },
  s: PlausibilitySettings,
): { km: number; minutes: number; neededMinutes: number } | null {
  const km = distanceKm(a, b);
  const minutes = Math.abs(a.at.getTime() - b.at.getTime()) / 60_000;
  const neededMinutes = (km / s.maxSpeedKmh) * 60;
  return km > 1 && minutes < neededMinutes
    ? { km: round(km), minutes: round(minutes), neededMinutes: round(neededMinutes) }
    : null;
}

/** The device's clock against the server's when the visit was sent. */
export function clockSkew(
  deviceTime: Date,
  serverTime: Date,
  s: PlausibilitySettings,
): { minutes: number } | null {
  const minutes = Math.abs(deviceTime.getTime() - serverTime.getTime()) / 60_000;
  return minutes > s.clockSkewMinutes ? { minutes: Math.round(minutes) } : null;
}

/** Visit times of one worker: the most visits inside any window of `burstMinutes` around `at`. */
export function burst(at: Date, others: Date[], s: PlausibilitySettings): { count: number } | null {
  const windowMs = s.burstMinutes * 60_000;
  const times = [at.getTime(), ...others.map((d) => d.getTime())].sort((x, y) => x - y);
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] > windowMs) i++;
    if (times[i] <= at.getTime() && at.getTime() <= times[j]) best = Math.max(best, j - i + 1);
  }
  return best >= s.burstCount ? { count: best } : null;
}

const round = (n: number) => Math.round(n * 10) / 10;
