// Everything the map page draws, in one scoped read: facility points, county outlines, township areas coloured by
// coverage, filter choices and (optionally) placement suggestions. Plain data only; Leaflet objects live in the browser.
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { contracts, facilities, organizations, regions } from "#db/schema";
import { facilityKinds, facilityStatuses } from "#db/schema/facilities";
import { checkedRegionOrNull } from "~/modules/access/region.server";
import { contractsInScope, facilitiesInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { userCanCoverage } from "~/modules/coverage/access";
import type { PlacementWeight } from "~/modules/coverage/math";
import {
  coverageLevels,
  type PlacementSuggestions,
  placementSuggestions,
} from "~/modules/coverage/queries.server";
import { coveringStatus } from "~/modules/facilities/covering.server";
import type { FacilityFilters } from "~/modules/facilities/filters";
import { mapRegions, regionFilterOptions } from "~/modules/regions/queries.server";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { tileConfig } from "~/utils/map-tiles.server";
import { literalEq, literalIn } from "~/utils/sql-literals";

type TownshipCoverageState = "covered_contract" | "covered" | "building" | "uncovered";

const township = alias(regions, "t");
const c = alias(contracts, "c");

/** An active contract whose term includes the day. */
function contractInForce(k: typeof contracts | typeof c, day: string): SQL {
  return sql`(${literalEq(k.status, "active")} and ${k.startsOn} <= ${day} and ${k.endsOn} >= ${day})`;
}

/** Per township code: the best station state in it (in (trial) operation under contract > in (trial) operation > being built > none). */
async function townshipStates(user: SessionUser, codes: string[], today: string) {
  if (codes.length === 0) return new Map<string, TownshipCoverageState>();
  const rows = await queryRows<{ code: string; operating: number; contracted: number; building: number }>(
    db,
    sql`select ${township.code},
        count(*) filter (where ${coveringStatus(facilities.status)})::int as operating,
        count(*) filter (where ${coveringStatus(facilities.status)} and exists (select 1 from ${contracts} ${c}
          where ${c.facilityId} = ${facilities.id} and ${contractInForce(c, today)}))::int as contracted,
        count(*) filter (where ${literalIn(facilities.status, ["planned", "under_construction", "accepted"])})::int as building
      from ${facilities} join ${regions} ${township} on ${township.id} = ${facilities.townshipId}
      where ${literalEq(facilities.kind, "social_work_station")} and ${facilitiesInScope(user)}
      group by ${township.code}`,
  );
  const wanted = new Set(codes);
  const states = new Map<string, TownshipCoverageState>();
  for (const r of rows) {
    if (!wanted.has(r.code)) continue;
    states.set(
      r.code,
      r.contracted > 0
        ? "covered_contract"
        : r.operating > 0
          ? "covered"
          : r.building > 0
            ? "building"
            : "uncovered",
    );
  }
  return states;
}

/** Organizations running a facility in scope today, for the filter. */
async function organizationOptions(user: SessionUser, today: string) {
  return queryRows<{ id: number; name: string }>(
    db,
    sql`select distinct ${organizations.id}, ${organizations.name}
      from ${organizations} join ${contracts} on ${contracts.organizationId} = ${organizations.id}
      join ${facilities} on ${facilities.id} = ${contracts.facilityId}
      where ${contractInForce(contracts, today)} and ${facilitiesInScope(user)} and ${contractsInScope(user)}
      order by ${organizations.name}`,
  );
}

/**
 * `suggest` > 0 adds placement suggestions for one region: the county the map is filtered to, else `suggestRegion`
 * (the province, prefecture or county the coverage page was showing), else the region the coverage page opens with.
 * A region out of scope, or not one of those levels, gets no suggestions rather than some other region's.
 */
export async function mapPageData({
  user,
  filters,
  suggest,
  suggestRegion = null,
  weight,
  now = new Date(),
}: {
  user: SessionUser;
  filters: FacilityFilters;
  suggest: number;
  suggestRegion?: string | null;
  weight?: PlacementWeight;
  now?: Date;
}) {
  const today = todayInShanghai(now);
  const [regionsData, options, organizations] = await Promise.all([
    mapRegions({ user, county: filters.county, township: filters.township }),
    regionFilterOptions(user, { county: filters.county }),
    organizationOptions(user, today),
  ]);
  const states = await townshipStates(
    user,
    regionsData.townships.map((t) => t.code),
    today,
  );
  let suggestions: (PlacementSuggestions & { regionCode: string; regionName: string }) | null = null;
  if (suggest > 0 && userCanCoverage(user)) {
    const region = await checkedRegionOrNull(user, filters.county ?? suggestRegion, coverageLevels);
    if (region) {
      const picks = await placementSuggestions({ region, k: suggest, weight, now });
      suggestions = { ...picks, regionCode: region.code, regionName: region.name };
    }
  }
  return {
    kinds: facilityKinds,
    statuses: facilityStatuses,
    counties: regionsData.counties,
    townships: regionsData.townships.map((t) => ({
      ...t,
      state: states.get(t.code) ?? ("uncovered" as const),
    })),
    regionsOmitted: regionsData.tooMany,
    options: { ...options, organizations },
    suggestions,
    tiles: tileConfig(),
  };
}
