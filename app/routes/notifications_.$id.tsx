// Opening a notification marks it read and goes to what it is about.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireUser } from "~/modules/access/guard.server";
import { openNotification } from "~/modules/notifications/queries.server";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = routeId(params.id);
  const to = await openNotification({ userId: user.id, id });
  if (!to) notFound();
  return redirect(to);
}
