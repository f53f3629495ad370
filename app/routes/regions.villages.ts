// The village picker's matches (JSON): villages in the user's scope whose name, township or code fits ?q=.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { searchVillages } from "~/modules/regions/village-search.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:region");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const villages = await searchVillages({ user, q });
  return Response.json({ villages }, { headers: { "Cache-Control": "private, no-store" } });
}
