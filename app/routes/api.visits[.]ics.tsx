// GET /api/visits.ics?token=… — the private iCalendar feed (no session: calendar apps fetch it on their own).
// An unknown or revoked token gets 404, the same answer as a wrong address.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeedFor, siteAddress } from "~/modules/visits/calendar.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const feed = await calendarFeedFor({ token, baseUrl: siteAddress(request) });
  if (feed === null)
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(feed, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="visits.ics"',
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
