// One table of the upward report as CSV (?table=visits|contracts|organizations): the XLSX sheet's rows, links as text.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireReviewRequest } from "~/modules/reports/region.server";
import { upwardReport } from "~/modules/reports/upward.server";
import { csvRowsOf, isUpwardTable, upwardSheets } from "~/modules/reports/upward-sheets.server";
import { siteAddress } from "~/modules/visits/calendar.server";
import { csvResponse } from "~/utils/csv.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, year, region, period } = await requireReviewRequest(request);
  const table = new URL(request.url).searchParams.get("table") ?? "visits";
  if (!isUpwardTable(table)) notFound();
  const [report, t] = await Promise.all([
    upwardReport({ user, region, period }),
    i18nServer.getFixedT(request, ["reports", "visits", "common"]),
  ]);
  await recordAuditNow(auditActor(request, context, user), {
    action: "report.export",
    entityType: "upward_report",
    entityId: `${region.code}-${year}-${table}`,
  });
  const sheet = upwardSheets(report, t, siteAddress(request))[table];
  return csvResponse(`${region.name}-${year}-${sheet.name}.csv`, sheet.header, csvRowsOf(sheet));
}
