// The year in review as an XLSX workbook (same figures as the page).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditActor, recordAuditNow } from "~/modules/audit/audit.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireReviewRequest } from "~/modules/reports/region.server";
import { reviewWorkforce } from "~/modules/reports/review-workforce.server";
import { yearInReview } from "~/modules/reports/year-in-review.server";
import { yearInReviewSheets } from "~/modules/reports/year-in-review-xlsx.server";
import { xlsxResponse } from "~/utils/xlsx.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, year, region, period } = await requireReviewRequest(request);
  const [review, workforce, t] = await Promise.all([
    yearInReview({ user, region, period }),
    reviewWorkforce({ region, period }),
    i18nServer.getFixedT(request, ["reports", "common", "workforce", "households"]),
  ]);
  await recordAuditNow(auditActor(request, context, user), {
    action: "report.export",
    entityType: "year_in_review",
    entityId: `${region.code}-${year}`,
  });
  return xlsxResponse(
    `${region.name}-${year}-${t("reports:xlsx.filename")}.xlsx`,
    yearInReviewSheets(review, workforce, t),
  );
}
