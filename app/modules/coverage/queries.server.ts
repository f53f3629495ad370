// Loads one region's townships, stations and villages (three flat queries, either driver) and runs the coverage math.
import { sql } from "drizzle-orm";
import { contracts, facilities, isCoveringStatus, people, regions, visits } from "#db/schema";
import type { CheckedRegion } from "~/modules/access/region.server";
import { countyCodeOf, patternOfPrefix } from "~/modules/regions/codes";
import { lateVisit, onTimeVisit, overdueVisit } from "~/modules/visits/overdue.server";
import { notSeenVisit } from "~/modules/visits/seen.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb, queryRows } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";
import {
  type CoverageStation,
  type CoverageTownship,
  type CoverageVillage,
  type PlacementWeight,
  placementCandidates,
  type StationServiceRow,
  stationService,
  suggestPlacements,
  type TownshipCoverage,
  townshipCoverage,
  type VillageReach,
  villageReach,
} from "./math";

/** Coverage is computed only for a region the access module checked against the user's scope. */
export type CoverageRegion = CheckedRegion;

/**
 * The regions coverage is shown for, as `resolveRegion` takes them: a province, prefecture, county or township (its
 * villages and whether it has a station); without a code, the user's own region or the first above township level.
 */
export const coverageLevels = {
  levels: ["province", "prefecture", "county", "township"],
  fallbackLevels: ["province", "prefecture", "county"],
} as const;

export type CoverageInputs = {
  townships: (CoverageTownship & { countyCode: string })[];
  stations: CoverageStation[];
  villages: CoverageVillage[];
};

/** The raw inputs for a region: its townships, its social-work stations (every status) and its villages. */
/** A region as of `now`, read through `db` (a transaction, or the pool by default). */
type RegionAsOf = { region: CoverageRegion; now?: Date; db?: DbOrTx };

export async function loadCoverageInputs({
  region,
  now = new Date(),
  db = defaultDb,
}: RegionAsOf): Promise<CoverageInputs> {
  const today = todayInShanghai(now);
  const yearAgo = addDaysToDate(today, -365);
  const prefix = patternOfPrefix(region.prefix);
  const [townships, stations, villages] = await Promise.all([
    queryRows<CoverageTownship>(
      db,
      sql`select ${regions.id}, ${regions.code}, ${regions.name}, ${regions.lat}, ${regions.lng} from ${regions}
        where ${literalEq(regions.level, "township")} and ${regions.code} like ${prefix} order by ${regions.code}`,
    ),
    queryRows<CoverageStation>(
      db,
      sql`select ${facilities.id}, ${facilities.code}, ${facilities.name}, ${facilities.townshipId} as "townshipId",
          ${facilities.status}, ${facilities.lat}, ${facilities.lng}, ${facilities.serviceRadiusM} as "serviceRadiusM",
          exists (select 1 from ${contracts} where ${contracts.facilityId} = ${facilities.id}
            and ${literalEq(contracts.status, "active")} and ${contracts.startsOn} <= ${today}
            and ${contracts.endsOn} >= ${today}) as "underContract",
          coalesce(p.n, 0) as "peopleInCare",
          coalesce(v.on_time, 0) as "visitsOnTime", coalesce(v.late, 0) as "visitsLate",
          coalesce(v.not_seen, 0) as "visitsNotSeen",
          coalesce(v.overdue, 0) as "visitsOverdue"
        from ${facilities}
        join ${regions} on ${regions.id} = ${facilities.townshipId}
        left join (select ${people.stationId} as station_id, count(*)::int as n from ${people}
          where ${literalEq(people.status, "active")} group by ${people.stationId}) p
          on p.station_id = ${facilities.id}
        left join (
          select ${visits.stationId} as station_id,
            count(*) filter (where ${visits.dueOn} >= ${yearAgo} and ${onTimeVisit()})::int as on_time,
            count(*) filter (where ${visits.dueOn} >= ${yearAgo} and ${lateVisit()})::int as late,
            count(*) filter (where ${visits.dueOn} >= ${yearAgo} and ${notSeenVisit()})::int as not_seen,
            count(*) filter (where ${overdueVisit({ now })})::int as overdue
          from ${visits} group by ${visits.stationId}
        ) v on v.station_id = ${facilities.id}
        where ${literalEq(facilities.kind, "social_work_station")} and ${regions.code} like ${prefix}
        order by ${regions.code}, ${facilities.code}`,
    ),
    queryRows<CoverageVillage>(
      db,
      sql`select ${regions.id}, ${regions.code}, ${regions.name}, ${regions.parentId} as "townshipId", ${regions.lat},
          ${regions.lng}, ${regions.population}, coalesce(p.n, 0) as "peopleInCare"
        from ${regions}
        left join (select ${people.villageId} as village_id, count(*)::int as n from ${people}
          where ${literalEq(people.status, "active")} group by ${people.villageId}) p
          on p.village_id = ${regions.id}
        where ${literalEq(regions.level, "village")} and ${regions.code} like ${prefix} order by ${regions.code}`,
    ),
  ]);
  return {
    townships: townships.map((t) => ({ ...t, countyCode: countyCodeOf(t.code) })),
    stations,
    villages,
  };
}

export type CoverageReport = {
  region: CoverageRegion;
  asOf: string;
  townships: TownshipCoverage;
  reach: Omit<VillageReach, "rows">;
  villages: (VillageReach["rows"][number] & {
    townshipCode: string;
    townshipName: string;
    nearestStationName: string | null;
  })[];
  stations: (StationServiceRow & { townshipCode: string; townshipName: string })[];
};

/** Everything the coverage page and API show for one region. */
export async function coverageReport({
  region,
  now = new Date(),
  db = defaultDb,
}: RegionAsOf): Promise<CoverageReport> {
  const inputs = await loadCoverageInputs({ region, now, db });
  return computeCoverageReport(region, inputs, todayInShanghai(now));
}

function computeCoverageReport(region: CoverageRegion, inputs: CoverageInputs, asOf: string): CoverageReport {
  const townships = townshipCoverage(inputs.townships, inputs.stations);
  const { rows, ...reach } = villageReach(inputs.villages, inputs.stations);
  const townshipById = new Map(inputs.townships.map((t) => [t.id, t]));
  const stationName = new Map(inputs.stations.map((s) => [s.id, s.name]));
  const service = stationService(inputs.stations, { ...reach, rows });
  return {
    region,
    asOf,
    townships,
    reach,
    villages: rows.map((r) => ({
      ...r,
      townshipCode: townshipById.get(r.townshipId)?.code ?? "",
      townshipName: townshipById.get(r.townshipId)?.name ?? "",
      nearestStationName: r.nearestStationId != null ? (stationName.get(r.nearestStationId) ?? null) : null,
    })),
    stations: service.map((s) => ({
      ...s,
      townshipCode: townshipById.get(s.townshipId)?.code ?? "",
      townshipName: townshipById.get(s.townshipId)?.name ?? "",
    })),
  };
}

/** Greedy placement over township seats without a station in (trial) operation and every located village. */
export async function placementSuggestions({
  region,
  k,
  radiusM,
  weight,
  now = new Date(),
  db = defaultDb,
}: {
  region: CoverageRegion;
  k: number;
  radiusM?: number;
  weight?: PlacementWeight;
  now?: Date;
  db?: DbOrTx;
}) {
  const inputs = await loadCoverageInputs({ region, now, db });
  const covered = new Set(inputs.stations.filter((s) => isCoveringStatus(s.status)).map((s) => s.townshipId));
  const candidates = [
    ...placementCandidates(
      "township",
      inputs.townships.filter((t) => !covered.has(t.id)),
    ),
    ...placementCandidates("village", inputs.villages),
  ];
  const hasPeople = inputs.villages.some((v) => (v.peopleInCare ?? 0) > 0);
  const hasPopulation = inputs.villages.some((v) => (v.population ?? 0) > 0);
  const chosenWeight: PlacementWeight =
    weight ?? (hasPeople ? "people" : hasPopulation ? "population" : "villages");
  const radii = inputs.stations.map((s) => s.serviceRadiusM).sort((a, b) => a - b);
  const chosenRadius = radiusM ?? (radii.length ? radii[Math.floor(radii.length / 2)] : 15_000);
  const result = suggestPlacements({
    villages: inputs.villages,
    stations: inputs.stations,
    candidates,
    k,
    radiusM: chosenRadius,
    weight: chosenWeight,
  });
  const townshipById = new Map(inputs.townships.map((t) => [t.id, t]));
  const villageTownship = new Map(inputs.villages.map((v) => [v.id, v.townshipId]));
  return {
    ...result,
    picks: result.picks.map((p) => {
      const townshipId = p.kind === "township" ? p.id : villageTownship.get(p.id);
      return { ...p, townshipName: townshipId != null ? (townshipById.get(townshipId)?.name ?? "") : "" };
    }),
  };
}

export type PlacementSuggestions = Awaited<ReturnType<typeof placementSuggestions>>;
