// One table of the upward report as CSV (?table=visits|contracts|organizations): the XLSX sheet's rows, links as text.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditActor } from "~/modules/audit/audit.server";
import { requireReviewRequest } from "~/modules/reports/region.server";
import { upwardExport } from "~/modules/reports/upward-export.server";
import { csvRowsOf, isUpwardTable } from "~/modules/reports/upward-sheets.server";
import { csvResponse } from "~/utils/csv.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const asked = await requireReviewRequest(request);
  const table = new URL(request.url).searchParams.get("table") ?? "visits";
  if (!isUpwardTable(table)) notFound();
  const actor = auditActor(request, context, asked.user);
  const { sheets, stem } = await upwardExport({ request, actor, asked, table });
  const sheet = sheets[table];
  return csvResponse(`${stem}-${sheet.name}.csv`, sheet.header, csvRowsOf(sheet));
}
