// The upward report as a download (the CSV of one table, the XLSX of all three): loaded in the reader's language and
// audited as an export, the same way for both.
import { type AuditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { siteAddress } from "~/modules/visits/calendar.server";
import type { requireReviewRequest } from "./region.server";
import { upwardReport } from "./upward.server";
import { type UpwardTable, upwardSheets } from "./upward-sheets.server";

type ReviewRequest = Awaited<ReturnType<typeof requireReviewRequest>>;

/** The report's sheets, its translations and the file name's stem; `table` when only that one is exported. */
export async function upwardExport({
  request,
  actor,
  asked: { user, year, region, period },
  table,
}: {
  request: Request;
  actor: AuditActor;
  asked: ReviewRequest;
  table?: UpwardTable;
}) {
  const [report, t] = await Promise.all([
    upwardReport({ user, region, period }),
    i18nServer.getFixedT(request, ["reports", "visits", "common"]),
  ]);
  await recordAuditNow(actor, {
    action: "report.export",
    entityType: "upward_report",
    entityId: table ? `${region.code}-${year}-${table}` : `${region.code}-${year}`,
  });
  return { sheets: upwardSheets(report, t, siteAddress(request)), t, stem: `${region.name}-${year}` };
}
