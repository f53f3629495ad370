// The report form posts ?contract=&month= here; the report itself lives at /reports/contracts/:id.
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:report");
  const url = new URL(request.url);
  const id = Number(url.searchParams.get("contract"));
  const month = url.searchParams.get("month") ?? "";
  if (!Number.isInteger(id) || id <= 0) throw redirect("/reports");
  return redirect(`/reports/contracts/${id}${/^\d{4}-\d{2}$/.test(month) ? `?month=${month}` : ""}`);
}
