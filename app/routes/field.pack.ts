// The taken-offline pack ("带到村里") as JSON for the device store; `?probe=1` only says whether the account may go on
// (a disabled account's session is answered 403 with the wipe marker, and the device wipes its store).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, requirePermission, requireUser } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { buildPack, sessionOfDisabledAccount } from "~/modules/field/pack.server";
import { WIPE_HEADER } from "~/modules/field/types";
import { forbidden } from "~/utils/http.server";

const noStore = { "Cache-Control": "private, no-store" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!(await getUser(request)) && (await sessionOfDisabledAccount(request)))
    throw new Response("Account disabled", { status: 403, headers: { [WIPE_HEADER]: "account-disabled" } });
  const url = new URL(request.url);
  if (url.searchParams.get("probe")) {
    await requireUser(request);
    return Response.json({ ok: true }, { headers: noStore });
  }
  const user = await requirePermission(request, "read:visit");
  if (user.scope.kind !== "station") forbidden();
  const village = url.searchParams.get("village")?.trim().slice(0, 100) || null;
  const pack = await buildPack({ user, actor: auditActor(request, context, user), village });
  return Response.json(pack, { headers: noStore });
}
