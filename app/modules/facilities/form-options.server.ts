// What the create/edit form offers: townships in the editor's scope (grouped by county) and county outlines to click on.
import { facilityKinds, facilityStatuses } from "#db/schema/facilities";
import type { SessionUser } from "~/modules/auth/types";
import { tileConfig } from "~/modules/map/queries.server";
import { mapRegions, regionFilterOptions } from "~/modules/regions/queries.server";

export async function facilityFormOptions(user: SessionUser) {
  const [options, regions] = await Promise.all([
    regionFilterOptions(user),
    mapRegions({ user, maxCounties: 50 }),
  ]);
  return {
    kinds: facilityKinds,
    statuses: facilityStatuses,
    counties: regions.counties.length
      ? regions.counties
      : options.counties.map((c) => ({ code: c.code, name: c.name, boundary: null })),
    townships: options.townships,
    tiles: tileConfig(),
  };
}
