import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import { getUser } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { endSession } from "~/modules/auth/session.server";
import { signOutOnDevice } from "~/modules/field/offline";

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

// The device store (taken-offline pack, outbox, cached pages) is wiped with the session.
export const clientAction = ({ serverAction }: ClientActionFunctionArgs) => signOutOnDevice(serverAction);
