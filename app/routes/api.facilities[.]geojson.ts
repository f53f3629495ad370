// GET /api/facilities.geojson — the facilities in the user's scope as an RFC 7946 FeatureCollection (WGS-84),
// with the same filters as the map (?county=&township=&kind=&status=&organization=&approx=1). QGIS loads it by URL.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { parseFacilityFilters } from "~/modules/facilities/filters";
import { facilitiesGeoJson } from "~/modules/facilities/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const filters = parseFacilityFilters(new URL(request.url).searchParams);
  const body = await facilitiesGeoJson({ user, filters });
  return new Response(body, {
    headers: {
      "Content-Type": "application/geo+json; charset=utf-8",
      "Content-Disposition": 'inline; filename="facilities.geojson"',
      "Cache-Control": "private, no-store",
    },
  });
}
