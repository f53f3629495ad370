// The report form posts ?contract=&month= here; the report itself lives at /reports/contracts/:id.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { idParam } from "~/modules/kernel/search-params";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:report");
  const url = new URL(request.url);
  const id = idParam(url.searchParams, "contract");
  const month = url.searchParams.get("month") ?? "";
  if (!id) throw redirect("/reports");
  return redirect(`/reports/contracts/${id}${/^\d{4}-\d{2}$/.test(month) ? `?month=${month}` : ""}`);
}
