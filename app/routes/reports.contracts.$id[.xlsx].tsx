// A contract's monthly report as an XLSX workbook: the page's figures, with links to the rows behind them.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import {
  contractMonthReport,
  findReportContract,
  reportMonthOf,
} from "~/modules/reports/contract-month.server";
import { contractMonthSheets } from "~/modules/reports/contract-month-xlsx.server";
import { siteAddress } from "~/modules/visits/calendar.server";
import { notFound } from "~/utils/http.server";
import { routeId } from "~/utils/ids";
import { xlsxResponse } from "~/utils/xlsx.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report");
  const id = routeId(params.id);
  const contract = await findReportContract(user, id);
  if (!contract) notFound();
  const month = reportMonthOf(contract, new URL(request.url).searchParams.get("month"));
  const [report, t] = await Promise.all([
    contractMonthReport({ contractId: id, month }),
    i18nServer.getFixedT(request, ["reports", "common"]),
  ]);
  await recordAuditNow(auditActor(request, context, user), {
    action: "report.export",
    entityType: "contract_month",
    entityId: `${id}-${month}`,
  });
  return xlsxResponse(
    `${contract.code}-${month}.xlsx`,
    contractMonthSheets(contract, report, t, siteAddress(request)),
  );
}
