// Serves a home-visit photo (or its thumbnail, "<id>.thumb") only to users who may open the visit, as activity photos
// are served (activities/photos.server.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { photoRequestOf, photoResponse } from "~/modules/uploads/photos.server";
import { findVisitPhoto } from "~/modules/visits/queries.server";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:visit");
  const visitId = routeId(params.id);
  const wanted = photoRequestOf(params.photoId);
  if (!wanted) notFound();
  const photo = await findVisitPhoto({ user, visitId, photoId: wanted.id });
  if (!photo) notFound();
  return (await photoResponse(request, photo, wanted.thumb)) ?? notFound();
}
