// JSON for the live people search on the logging form: minimal facts, only inside the chosen contract's area;
// children's files masked for organization staff; every search audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { searchPeopleForContract } from "~/modules/activities/contracts.server";
import { auditActor } from "~/modules/audit/audit.server";
import { idParam } from "~/modules/kernel/search-params";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:activity");
  const url = new URL(request.url);
  const contractId = idParam(url.searchParams, "contract");
  const q = url.searchParams.get("q") ?? "";
  const people = contractId
    ? await searchPeopleForContract({ user, actor: auditActor(request, context, user), contractId, q })
    : [];
  return Response.json({ people }, { headers: { "Cache-Control": "no-store" } });
}
