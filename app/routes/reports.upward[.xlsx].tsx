// The upward report as an XLSX workbook: a sheet per section, the same figures as the page, links to the rows.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireReviewRequest } from "~/modules/reports/region.server";
import { upwardReport } from "~/modules/reports/upward.server";
import { upwardSheets } from "~/modules/reports/upward-sheets.server";
import { siteAddress } from "~/modules/visits/calendar.server";
import { xlsxResponse } from "~/utils/xlsx.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, year, region, period } = await requireReviewRequest(request);
  const [report, t] = await Promise.all([
    upwardReport({ user, region, period }),
    i18nServer.getFixedT(request, ["reports", "visits", "common"]),
  ]);
  await recordAuditNow(auditActor(request, context, user), {
    action: "report.export",
    entityType: "upward_report",
    entityId: `${region.code}-${year}`,
  });
  const sheets = upwardSheets(report, t, siteAddress(request));
  return xlsxResponse(`${region.name}-${year}-${t("reports:upward.filename")}.xlsx`, [
    sheets.visits,
    sheets.contracts,
    sheets.organizations,
  ]);
}
