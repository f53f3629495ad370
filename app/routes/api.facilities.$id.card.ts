// The station card the map opens on a marker click (JSON); scoped, so another scope's station is a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { stationCard } from "~/modules/facilities/queries.server";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const id = routeId(params.id);
  const card = await stationCard({ user, id });
  if (!card) notFound();
  return Response.json(card, { headers: { "Cache-Control": "no-store" } });
}
