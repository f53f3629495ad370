import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { getUser } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { endSession } from "~/modules/auth/session.server";

// Signing out changes state, so it is a POST; a GET only shows where to go.
export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user)
    await recordAuditNow(auditActor(request, context, user), {
      action: "sign_out",
      entityType: "user",
      entityId: user.id,
    });
  return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
}
