// The station card the map opens on a marker click (JSON); scoped, so another scope's station is a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { stationCard } from "~/modules/facilities/queries.server";
import { requirePermission } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0 || id >= 2 ** 31) notFound();
  const card = await stationCard({ user, id });
  if (!card) notFound();
  return Response.json(card, { headers: { "Cache-Control": "no-store" } });
}
