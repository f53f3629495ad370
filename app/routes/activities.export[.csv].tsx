// CSV of the activities matching the list's filters (the review feed and the calendars link here).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { activitiesCsv } from "~/modules/activities/export.server";
import { parseActivityFilters } from "~/modules/activities/filters";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const filters = parseActivityFilters(new URL(request.url).searchParams);
  return activitiesCsv({ user, filters, locale: request });
}
