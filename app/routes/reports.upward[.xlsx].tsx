// The upward report as an XLSX workbook: a sheet per section, the same figures as the page, links to the rows.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditActor } from "~/modules/audit/audit.server";
import { requireReviewRequest } from "~/modules/reports/region.server";
import { upwardExport } from "~/modules/reports/upward-export.server";
import { xlsxResponse } from "~/utils/xlsx.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const asked = await requireReviewRequest(request);
  const actor = auditActor(request, context, asked.user);
  const { sheets, t, stem } = await upwardExport({ request, actor, asked });
  return xlsxResponse(`${stem}-${t("reports:upward.filename")}.xlsx`, [
    sheets.visits,
    sheets.contracts,
    sheets.organizations,
  ]);
}
