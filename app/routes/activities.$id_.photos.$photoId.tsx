// Serves an activity photo (or its thumbnail, "<id>.thumb") only to users who may see the activity.
import fs from "node:fs/promises";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { storedFilePath } from "~/modules/activities/photos.server";
import { findPhoto } from "~/modules/activities/queries.server";
import { notFound } from "~/utils/http.server";
import { isDbIdText, routeId } from "~/utils/ids";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const activityId = routeId(params.id);
  const match = /^(\d{1,10})(\.thumb)?$/.exec(params.photoId ?? "");
  if (!match || !isDbIdText(match[1])) notFound();
  const photo = await findPhoto({ user, activityId, photoId: Number(match[1]) });
  if (!photo) notFound();
  const thumb = Boolean(match[2]);
  const data = await fs.readFile(storedFilePath(thumb ? photo.thumbPath : photo.path)).catch(() => null);
  if (!data) notFound();
  const etag = `"${photo.sha256.slice(0, 32)}${thumb ? "-t" : ""}"`;
  if (request.headers.get("If-None-Match") === etag)
    return new Response(null, { status: 304, headers: { ETag: etag } });
  return new Response(new Uint8Array(data), {
    headers: {
      "Content-Type": thumb ? "image/jpeg" : photo.mimeType,
      "Content-Length": String(data.byteLength),
      // why: photos may show people in care; like every signed-in answer they stay out of all caches.
      "Cache-Control": "private, no-store",
      ETag: etag,
      "Content-Disposition": "inline",
    },
  });
}
