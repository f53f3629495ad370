// What the create/edit form offers: townships in the editor's scope (grouped by county) and county outlines to click on.
import { facilityKinds, facilityStatuses } from "#db/schema/facilities";
import type { SessionUser } from "~/modules/access/types";
import { mapRegions, regionFilterOptions } from "~/modules/regions/queries.server";
import { tileConfig } from "~/utils/map-tiles.server";

/** `county` narrows the township list (needed when the scope holds hundreds of townships). */
export async function facilityFormOptions(user: SessionUser, county?: string) {
  const all = await regionFilterOptions(user);
  const narrowed = all.townships.length === 0 && county != null;
  const options = narrowed ? await regionFilterOptions(user, { county }) : all;
  const regions = await mapRegions({ user, county: narrowed ? county : undefined, maxCounties: 50 });
  return {
    kinds: facilityKinds,
    statuses: facilityStatuses,
    counties: regions.counties.length
      ? regions.counties
      : options.counties.map((c) => ({ code: c.code, name: c.name, boundary: null })),
    townships: options.townships,
    allCounties: options.counties,
    tiles: tileConfig(),
  };
}
