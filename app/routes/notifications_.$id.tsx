// Opening a notification marks it read and goes to what it is about.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { openNotification } from "~/modules/notifications/queries.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const to = await openNotification({ userId: user.id, id });
  if (!to) notFound();
  return redirect(to);
}
