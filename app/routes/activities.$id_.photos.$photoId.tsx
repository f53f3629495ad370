// Serves an activity photo (or its thumbnail, "<id>.thumb") only to users who may see the activity.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { findPhoto } from "~/modules/activities/queries.server";
import { photoRequestOf, photoResponse } from "~/modules/uploads/photos.server";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const activityId = routeId(params.id);
  const wanted = photoRequestOf(params.photoId);
  if (!wanted) notFound();
  const photo = await findPhoto({ user, activityId, photoId: wanted.id });
  if (!photo) notFound();
  return (await photoResponse(request, photo, wanted.thumb)) ?? notFound();
}
