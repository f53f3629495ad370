// The header's role switch posts here (components/shell/role-switch.tsx); the account then sees that role's home.
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireUser } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { actAs } from "~/modules/auth/act-as.server";
import { actAsSchema } from "~/modules/auth/schemas";
import { parseForm } from "~/modules/kernel/messages";
import { notFound } from "~/utils/http.server";

export async function loader(_args: LoaderFunctionArgs) {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseForm(await request.formData(), actAsSchema);
  if (submission.status !== "success") throw new Response("Unknown role", { status: 400 });
  const result = await actAs({ user, actor: auditActor(request, context, user), as: submission.value.as });
  if (!result?.ok) notFound();
  return redirect("/");
}
