// Coverage math, pure and driver-independent: township coverage, village reach through a spatial index
// (kdbush + geokdbush, great-circle distances), per-station service figures and greedy placement suggestions.
import { around, distance } from "geokdbush";
import KDBush from "kdbush";
import { isCoveringStatus } from "#db/schema/enums";

export type CoverageTownship = {
  id: number;
  code: string;
  name: string;
  lat: number | null;
  lng: number | null;
};

export type CoverageStation = {
  id: number;
  code: string;
  name: string;
  townshipId: number;
  status: string;
  lat: number | null;
  lng: number | null;
  serviceRadiusM: number;
  /** An active contract covers today. */
  underContract: boolean;
  peopleInCare?: number;
  visitsOnTime?: number;
  visitsLate?: number;
  /** Recorded without seeing the person (not at home, moved, hospitalised, deceased): apart from on time and late. */
  visitsNotSeen?: number;
  visitsOverdue?: number;
};

export type CoverageVillage = {
  id: number;
  code: string;
  name: string;
  townshipId: number;
  lat: number | null;
  lng: number | null;
  population: number | null;
  /** Active people in care living in the village. */
  peopleInCare?: number;
};

/** Distances are compared in metres; a village exactly on the radius (to a millimetre) is inside. */
const ON_RADIUS_TOLERANCE_M = 0.001;

export function greatCircleMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  return distance(a.lng, a.lat, b.lng, b.lat) * 1000;
}

/** A station in operation or in trial operation (试运行) serves its township and villages. */
function isOperatingStation(s: CoverageStation): boolean {
  return isCoveringStatus(s.status);
}

export type TownshipCoverage = {
  total: number;
  covered: number;
  ratio: number | null;
  coveredUnderContract: number;
  ratioUnderContract: number | null;
  /** Covering stations, and how many of them are in trial operation (shown apart: 其中试运行 N). */
  stationsCovering: number;
  stationsInTrial: number;
  /** Townships covered only by stations in trial operation. */
  coveredOnlyInTrial: number;
  /** Per township: whether it has an operating station, and one under an active contract. */
  townships: {
    id: number;
    code: string;
    name: string;
    covered: boolean;
    coveredUnderContract: boolean;
    stations: number;
    stationsInTrial: number;
  }[];
  uncovered: { id: number; code: string; name: string }[];
  uncoveredUnderContract: { id: number; code: string; name: string }[];
};

/** 全覆盖率: townships with at least one station in (trial) operation ÷ all townships; and the same counting only contracted ones. */
export function townshipCoverage(
  townships: CoverageTownship[],
  stations: CoverageStation[],
): TownshipCoverage {
  const operating = new Map<number, number>();
  const inTrial = new Map<number, number>();
  const contracted = new Set<number>();
  for (const s of stations) {
    if (!isOperatingStation(s)) continue;
    operating.set(s.townshipId, (operating.get(s.townshipId) ?? 0) + 1);
    if (s.status === "trial_operation") inTrial.set(s.townshipId, (inTrial.get(s.townshipId) ?? 0) + 1);
    if (s.underContract) contracted.add(s.townshipId);
  }
  const rows = townships.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    covered: operating.has(t.id),
    coveredUnderContract: contracted.has(t.id),
    stations: operating.get(t.id) ?? 0,
    stationsInTrial: inTrial.get(t.id) ?? 0,
  }));
  const covered = rows.filter((r) => r.covered).length;
  const coveredUnderContract = rows.filter((r) => r.coveredUnderContract).length;
  const pick = ({ id, code, name }: { id: number; code: string; name: string }) => ({ id, code, name });
  return {
    total: rows.length,
    covered,
    ratio: rows.length ? covered / rows.length : null,
    coveredUnderContract,
    ratioUnderContract: rows.length ? coveredUnderContract / rows.length : null,
    stationsCovering: rows.reduce((n, r) => n + r.stations, 0),
    stationsInTrial: rows.reduce((n, r) => n + r.stationsInTrial, 0),
    coveredOnlyInTrial: rows.filter((r) => r.stations > 0 && r.stations === r.stationsInTrial).length,
    townships: rows,
    uncovered: rows.filter((r) => !r.covered).map(pick),
    uncoveredUnderContract: rows.filter((r) => !r.coveredUnderContract).map(pick),
  };
}

type VillageReachRow = {
  id: number;
  code: string;
  name: string;
  townshipId: number;
  population: number | null;
  /** The village has coordinates. */
  located: boolean;
  nearestStationId: number | null;
  nearestDistanceM: number | null;
  /** The station whose service radius reaches the village (the nearest such), or null. */
  servedByStationId: number | null;
};

export type VillageReach = {
  villages: number;
  withPoint: number;
  withoutPoint: number;
  withoutPointPopulation: number | null;
  reached: number;
  reachedShare: number | null;
  population: { known: number; reached: number; share: number | null; villagesWithPopulation: number };
  rows: VillageReachRow[];
};

type LocatedStation = CoverageStation & { lat: number; lng: number };

/** A bounding box that surely contains the circle of `radiusM` around a point (degrees, generous at the edges). */
function boxAround(lng: number, lat: number, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / 110_000;
  const cos = Math.max(0.01, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
  const dLng = radiusM / (111_000 * cos);
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}

/** Indices of the indexed points within `radiusM` (great-circle) of a point: a box query, then exact distances. */
function pointsWithin(
  index: KDBush,
  points: { lat: number; lng: number }[],
  lng: number,
  lat: number,
  radiusM: number,
): number[] {
  const [minX, minY, maxX, maxY] = boxAround(lng, lat, radiusM);
  return index
    .range(minX, minY, maxX, maxY)
    .filter((i) => greatCircleMetres({ lat, lng }, points[i]) <= radiusM + ON_RADIUS_TOLERANCE_M);
}

/**
 * For every village with a point: the nearest operating station, the distance to it, and whether some operating
 * station's service radius reaches it. Villages without a point are counted, never dropped.
 *
 * why a sweep from the stations: each station visits only the villages in a box around it (kdbush range), so the
 * cost follows the number of village–station pairs within the largest radius, not a search per village. Villages
 * that no station's box reaches get their nearest station from a geokdbush k-nearest search.
 */
/** What a village's reach row repeats of the village itself. */
function villageFields({ id, code, name, townshipId, population }: CoverageVillage) {
  return { id, code, name, townshipId, population };
}

export function villageReach(villages: CoverageVillage[], stations: CoverageStation[]): VillageReach {
  const operating = stations.filter(
    (s): s is LocatedStation => isOperatingStation(s) && s.lat != null && s.lng != null,
  );
  const located = villages.filter(
    (v): v is CoverageVillage & { lat: number; lng: number } => v.lat != null && v.lng != null,
  );
  const nearestD = new Float64Array(located.length).fill(Number.POSITIVE_INFINITY);
  const nearestS = new Int32Array(located.length).fill(-1);
  const servedD = new Float64Array(located.length).fill(Number.POSITIVE_INFINITY);
  const servedS = new Int32Array(located.length).fill(-1);
  if (operating.length && located.length) {
    const villageIndex = new KDBush(located.length);
    for (const v of located) villageIndex.add(v.lng, v.lat);
    villageIndex.finish();
    const maxRadiusM = Math.max(...operating.map((s) => s.serviceRadiusM));
    operating.forEach((s, si) => {
      const [minX, minY, maxX, maxY] = boxAround(s.lng, s.lat, maxRadiusM);
      for (const i of villageIndex.range(minX, minY, maxX, maxY)) {
        const d = greatCircleMetres(s, located[i]);
        if (d < nearestD[i]) {
          nearestD[i] = d;
          nearestS[i] = si;
        }
        if (d <= s.serviceRadiusM + ON_RADIUS_TOLERANCE_M && d < servedD[i]) {
          servedD[i] = d;
          servedS[i] = si;
        }
      }
    });
    // A nearest candidate beyond the largest radius may not be the true nearest: search properly for those.
    const stationIndex = new KDBush(operating.length);
    for (const s of operating) stationIndex.add(s.lng, s.lat);
    stationIndex.finish();
    for (let i = 0; i < located.length; i++) {
      if (nearestD[i] <= maxRadiusM) continue;
      const [si] = around(stationIndex, located[i].lng, located[i].lat, 1);
      nearestS[i] = si;
      nearestD[i] = greatCircleMetres(operating[si], located[i]);
    }
  }
  const positionOf = new Map(located.map((v, i) => [v, i]));
  const rows: VillageReachRow[] = [];
  let withoutPoint = 0;
  let withoutPointPopulation: number | null = null;
  let reached = 0;
  let knownPopulation = 0;
  let reachedPopulation = 0;
  let villagesWithPopulation = 0;
  for (const v of villages) {
    const i = positionOf.get(v as CoverageVillage & { lat: number; lng: number });
    if (i == null) {
      withoutPoint++;
      if (v.population != null) withoutPointPopulation = (withoutPointPopulation ?? 0) + v.population;
      rows.push({
        ...villageFields(v),
        located: false,
        nearestStationId: null,
        nearestDistanceM: null,
        servedByStationId: null,
      });
      continue;
    }
    const servedByStationId = servedS[i] >= 0 ? operating[servedS[i]].id : null;
    if (servedByStationId != null) reached++;
    if (v.population != null) {
      villagesWithPopulation++;
      knownPopulation += v.population;
      if (servedByStationId != null) reachedPopulation += v.population;
    }
    rows.push({
      ...villageFields(v),
      located: true,
      nearestStationId: nearestS[i] >= 0 ? operating[nearestS[i]].id : null,
      nearestDistanceM: nearestS[i] >= 0 ? nearestD[i] : null,
      servedByStationId,
    });
  }
  const withPoint = villages.length - withoutPoint;
  return {
    villages: villages.length,
    withPoint,
    withoutPoint,
    withoutPointPopulation,
    reached,
    reachedShare: withPoint ? reached / withPoint : null,
    population: {
      known: knownPopulation,
      reached: reachedPopulation,
      share: villagesWithPopulation && knownPopulation > 0 ? reachedPopulation / knownPopulation : null,
      villagesWithPopulation,
    },
    rows,
  };
}

export type StationServiceRow = {
  id: number;
  code: string;
  name: string;
  townshipId: number;
  status: string;
  underContract: boolean;
  villagesServed: number;
  populationServed: number;
  peopleInCare: number;
  visitsOnTime: number;
  visitsLate: number;
  visitsNotSeen: number;
  visitsOverdue: number;
};

/** Per station: villages its radius serves (each village counted once, at its nearest reaching station), people and visits. */
export function stationService(stations: CoverageStation[], reach: VillageReach): StationServiceRow[] {
  const served = new Map<number, { villages: number; population: number }>();
  for (const r of reach.rows) {
    if (r.servedByStationId == null) continue;
    const s = served.get(r.servedByStationId) ?? { villages: 0, population: 0 };
    s.villages++;
    s.population += r.population ?? 0;
    served.set(r.servedByStationId, s);
  }
  return stations.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    townshipId: s.townshipId,
    status: s.status,
    underContract: s.underContract,
    villagesServed: served.get(s.id)?.villages ?? 0,
    populationServed: served.get(s.id)?.population ?? 0,
    peopleInCare: s.peopleInCare ?? 0,
    visitsOnTime: s.visitsOnTime ?? 0,
    visitsLate: s.visitsLate ?? 0,
    visitsNotSeen: s.visitsNotSeen ?? 0,
    visitsOverdue: s.visitsOverdue ?? 0,
  }));
}

export type PlacementWeight = "people" | "population" | "villages";

export type PlacementCandidate = {
  kind: "township" | "village";
  id: number;
  code: string;
  name: string;
  lat: number;
  lng: number;
};

/** The places that have coordinates, as candidates of one kind. */
export function placementCandidates(
  kind: PlacementCandidate["kind"],
  places: { id: number; code: string; name: string; lat: number | null; lng: number | null }[],
): PlacementCandidate[] {
  return places.flatMap(({ id, code, name, lat, lng }) =>
    lat != null && lng != null ? [{ kind, id, code, name, lat, lng }] : [],
  );
}

type PlacementPick = PlacementCandidate & {
  rank: number;
  /** Demand weight this pick newly reaches, and the villages it newly reaches. */
  addedWeight: number;
  addedVillages: number;
  /** Share of all demand reached once this pick (and the ones before it) are built. */
  cumulativeShare: number | null;
};

export type PlacementResult = {
  weight: PlacementWeight;
  radiusM: number;
  totalWeight: number;
  alreadyReachedWeight: number;
  picks: PlacementPick[];
};

function weightOf(v: CoverageVillage, weight: PlacementWeight): number {
  if (weight === "people") return v.peopleInCare ?? 0;
  if (weight === "population") return v.population ?? 0;
  return 1;
}

/**
 * "Where should the next K stations go?" Greedy maximal covering: demand is every located village not yet reached by
 * an operating station, weighted by people in care (or population, or 1 per village); each round picks the candidate
 * (township seat or village) whose radius reaches the most remaining weight. Greedy is within 1 − 1/e of optimal.
 */
export function suggestPlacements({
  villages,
  stations,
  candidates,
  k,
  radiusM,
  weight,
}: {
  villages: CoverageVillage[];
  stations: CoverageStation[];
  candidates: PlacementCandidate[];
  k: number;
  radiusM: number;
  weight: PlacementWeight;
}): PlacementResult {
  const reach = villageReach(villages, stations);
  const reachedIds = new Set(reach.rows.filter((r) => r.servedByStationId != null).map((r) => r.id));
  const located = villages.filter((v) => v.lat != null && v.lng != null);
  const totalWeight = located.reduce((sum, v) => sum + weightOf(v, weight), 0);
  const demand = located.filter((v) => !reachedIds.has(v.id) && weightOf(v, weight) > 0);
  const alreadyReachedWeight = totalWeight - demand.reduce((sum, v) => sum + weightOf(v, weight), 0);
  const picks: PlacementPick[] = [];
  if (demand.length === 0 || k <= 0 || candidates.length === 0)
    return { weight, radiusM, totalWeight, alreadyReachedWeight, picks };

  const index = new KDBush(demand.length);
  for (const v of demand) index.add(v.lng!, v.lat!);
  index.finish();
  const demandPoints = demand as { lat: number; lng: number }[];
  const reaches = candidates.map((c) => pointsWithin(index, demandPoints, c.lng, c.lat, radiusM));
  const remaining = demand.map((v) => weightOf(v, weight));
  const chosen = new Set<number>();
  let reachedWeight = alreadyReachedWeight;
  for (let rank = 1; rank <= k; rank++) {
    let best = -1;
    let bestGain = 0;
    for (let c = 0; c < candidates.length; c++) {
      if (chosen.has(c)) continue;
      let gain = 0;
      for (const i of reaches[c]) gain += remaining[i];
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    if (best < 0) break;
    chosen.add(best);
    let addedVillages = 0;
    for (const i of reaches[best]) {
      if (remaining[i] > 0) addedVillages++;
      remaining[i] = 0;
    }
    reachedWeight += bestGain;
    picks.push({
      ...candidates[best],
      rank,
      addedWeight: bestGain,
      addedVillages,
      cumulativeShare: totalWeight > 0 ? reachedWeight / totalWeight : null,
    });
  }
  return { weight, radiusM, totalWeight, alreadyReachedWeight, picks };
}
