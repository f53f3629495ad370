import { describe, expect, it } from "vitest";
import {
  type CoverageStation,
  type CoverageTownship,
  type CoverageVillage,
  greatCircleMetres,
  placementCandidates,
  stationService,
  suggestPlacements,
  townshipCoverage,
  villageReach,
} from "./math";

// A hand-made county: three townships along a meridian near 30°N.
// T1 has an operating, contracted station; T2 only a suspended one; T3 an operating station without contract.
const townships: CoverageTownship[] = [
  { id: 1, code: "540402100000", name: "甲镇", lat: 30, lng: 94 },
  { id: 2, code: "540402101000", name: "乙镇", lat: 30.5, lng: 94 },
  { id: 3, code: "540402102000", name: "丙乡", lat: 31, lng: 94 },
  { id: 4, code: "540402103000", name: "丁乡", lat: 31.5, lng: 94 },
];

const station = (over: Partial<CoverageStation> & Pick<CoverageStation, "id" | "townshipId">) =>
  ({
    code: `S${over.id}`,
    name: `站${over.id}`,
    status: "operating",
    lat: null,
    lng: null,
    serviceRadiusM: 15_000,
    underContract: false,
    ...over,
  }) as CoverageStation;

const stations: CoverageStation[] = [
  station({ id: 11, townshipId: 1, lat: 30, lng: 94, underContract: true, peopleInCare: 5 }),
  station({ id: 12, townshipId: 2, lat: 30.5, lng: 94, status: "suspended", underContract: true }),
  station({ id: 13, townshipId: 3, lat: 31, lng: 94, serviceRadiusM: 5_000 }),
];

/** A point `metres` due north of (lat, lng) on the same sphere geokdbush uses. */
function north(lat: number, lng: number, metres: number): { lat: number; lng: number } {
  // Solve by bisection so the distance function itself decides what "exactly" means.
  let lo = lat;
  let hi = lat + 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (greatCircleMetres({ lat, lng }, { lat: mid, lng }) < metres) lo = mid;
    else hi = mid;
  }
  return { lat: hi, lng };
}

const village = (over: Partial<CoverageVillage> & Pick<CoverageVillage, "id" | "townshipId">) =>
  ({
    code: `V${over.id}`,
    name: `村${over.id}`,
    lat: null,
    lng: null,
    population: null,
    ...over,
  }) as CoverageVillage;

describe("township coverage", () => {
  it("counts a township as covered only when it has an operating station", () => {
    const result = townshipCoverage(townships, stations);
    expect(result.total).toBe(4);
    expect(result.covered).toBe(2);
    expect(result.ratio).toBe(0.5);
    expect(result.uncovered.map((t) => t.code)).toEqual(["540402101000", "540402103000"]);
  });

  it("does not count a township whose only station is suspended, even under contract", () => {
    const result = townshipCoverage(townships, stations);
    const t2 = result.townships.find((t) => t.id === 2)!;
    expect(t2.covered).toBe(false);
    expect(t2.coveredUnderContract).toBe(false);
  });

  it("counts operating-and-contracted separately", () => {
    const result = townshipCoverage(townships, stations);
    expect(result.coveredUnderContract).toBe(1);
    expect(result.ratioUnderContract).toBe(0.25);
    expect(result.uncoveredUnderContract.map((t) => t.id)).toEqual([2, 3, 4]);
  });

  it("gives no ratio for a region without townships", () => {
    expect(townshipCoverage([], stations).ratio).toBeNull();
  });

  it("counts a station in trial operation as covering, and shows it apart; one accepted but not open does not cover", () => {
    const withTrial = [
      ...stations,
      station({ id: 14, townshipId: 4, lat: 31.5, lng: 94, status: "trial_operation" }),
      station({ id: 15, townshipId: 2, lat: 30.5, lng: 94.01, status: "accepted" }),
    ];
    const result = townshipCoverage(townships, withTrial);
    expect(result.covered).toBe(3);
    expect(result.uncovered.map((t) => t.id)).toEqual([2]);
    expect(result.stationsCovering).toBe(3);
    expect(result.stationsInTrial).toBe(1);
    expect(result.coveredOnlyInTrial).toBe(1);
    expect(result.townships.find((t) => t.id === 4)).toMatchObject({ covered: true, stationsInTrial: 1 });
    const reach = villageReach([village({ id: 9, townshipId: 4, lat: 31.5, lng: 94.001 })], withTrial);
    expect(reach.rows[0].servedByStationId).toBe(14);
  });
});

describe("village reach", () => {
  const onRadius = north(30, 94, 15_000);
  const justOutside = north(30, 94, 15_001);
  const nearSuspended = north(30.5, 94, 1_000);
  const villages: CoverageVillage[] = [
    village({ id: 101, townshipId: 1, ...onRadius, population: 300 }),
    village({ id: 102, townshipId: 1, lat: justOutside.lat, lng: 94.0, population: 200 }),
    village({ id: 103, townshipId: 2, ...nearSuspended, population: 100 }),
    village({ id: 104, townshipId: 3, ...north(31, 94, 4_000), population: null }),
    village({ id: 105, townshipId: 4, population: 80 }),
    village({ id: 106, townshipId: 4 }),
  ];

  it("counts a village exactly on the service radius as reached, and one a metre beyond as not", () => {
    const reach = villageReach(villages, stations);
    const row = (id: number) => reach.rows.find((r) => r.id === id)!;
    expect(row(101).servedByStationId).toBe(11);
    expect(row(101).nearestDistanceM).toBeCloseTo(15_000, 2);
    expect(row(102).servedByStationId).toBeNull();
    expect(row(102).nearestStationId).toBe(11);
  });

  it("ignores suspended stations: a village next to one is not reached", () => {
    const reach = villageReach(villages, stations);
    const r = reach.rows.find((x) => x.id === 103)!;
    expect(r.servedByStationId).toBeNull();
    expect(r.nearestStationId).not.toBe(12);
  });

  it("counts villages without coordinates separately instead of dropping them", () => {
    const reach = villageReach(villages, stations);
    expect(reach.villages).toBe(6);
    expect(reach.withPoint).toBe(4);
    expect(reach.withoutPoint).toBe(2);
    expect(reach.withoutPointPopulation).toBe(80);
    expect(reach.reached).toBe(2);
    expect(reach.reachedShare).toBe(0.5);
  });

  it("weighs population only where it is known", () => {
    const reach = villageReach(villages, stations);
    expect(reach.population.known).toBe(600);
    expect(reach.population.reached).toBe(300);
    expect(reach.population.share).toBe(0.5);
    expect(reach.population.villagesWithPopulation).toBe(3);
  });

  it("reports no nearest station when none operates", () => {
    const reach = villageReach(villages, [stations[1]]);
    expect(reach.reached).toBe(0);
    expect(reach.rows.every((r) => r.nearestStationId === null)).toBe(true);
  });

  it("lets a farther station with a larger radius serve a village its nearest station cannot reach", () => {
    const small = station({ id: 21, townshipId: 1, lat: 30, lng: 94, serviceRadiusM: 1_000 });
    const big = station({ id: 22, townshipId: 1, lat: 29.9, lng: 94, serviceRadiusM: 50_000 });
    const v = village({ id: 201, townshipId: 1, ...north(30, 94, 3_000) });
    const reach = villageReach([v], [small, big]);
    expect(reach.rows[0].nearestStationId).toBe(21);
    expect(reach.rows[0].servedByStationId).toBe(22);
  });

  it("attributes each reached village to one station in the per-station table", () => {
    const reach = villageReach(villages, stations);
    const rows = stationService(stations, reach);
    expect(rows.find((r) => r.id === 11)).toMatchObject({
      villagesServed: 1,
      populationServed: 300,
      peopleInCare: 5,
    });
    expect(rows.find((r) => r.id === 13)).toMatchObject({ villagesServed: 1, populationServed: 0 });
    expect(rows.find((r) => r.id === 12)).toMatchObject({ villagesServed: 0 });
  });
});

describe("placement suggestions", () => {
  // Two clusters of unreached villages: a heavy one near T4 and a light one near T2.
  const heavy = [1, 2, 3].map((i) =>
    village({ id: 300 + i, townshipId: 4, ...north(31.5, 94, i * 1_000), peopleInCare: 4, population: 100 }),
  );
  const light = [1, 2].map((i) =>
    village({
      id: 400 + i,
      townshipId: 2,
      ...north(30.5, 94, i * 1_000),
      peopleInCare: 1,
      population: 1_000,
    }),
  );
  const reachedAlready = village({ id: 500, townshipId: 1, lat: 30, lng: 94.001, peopleInCare: 7 });
  const villages = [...heavy, ...light, reachedAlready];
  const candidates = placementCandidates("township", townships);

  it("picks the candidate reaching the most people in care first, then the next best", () => {
    const result = suggestPlacements({
      villages,
      stations,
      candidates,
      k: 3,
      radiusM: 10_000,
      weight: "people",
    });
    expect(result.totalWeight).toBe(12 + 2 + 7);
    expect(result.alreadyReachedWeight).toBe(7);
    expect(result.picks.map((p) => [p.code, p.addedWeight, p.addedVillages])).toEqual([
      ["540402103000", 12, 3],
      ["540402101000", 2, 2],
    ]);
    expect(result.picks[1].cumulativeShare).toBe(1);
  });

  it("weights by population when asked, which changes the order", () => {
    const result = suggestPlacements({
      villages,
      stations,
      candidates,
      k: 1,
      radiusM: 10_000,
      weight: "population",
    });
    expect(result.picks[0].code).toBe("540402101000");
    expect(result.picks[0].addedWeight).toBe(2_000);
  });

  it("suggests nothing when every village is already reached", () => {
    const result = suggestPlacements({
      villages: [reachedAlready],
      stations,
      candidates,
      k: 3,
      radiusM: 10_000,
      weight: "villages",
    });
    expect(result.picks).toEqual([]);
  });
});
