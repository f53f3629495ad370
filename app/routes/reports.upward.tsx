// What a county (or prefecture) sends upward for a year: visits and 月探访率 by month and unit, the contracts, the
// organizations; each figure links to its rows, and the whole downloads as XLSX or one table at a time as CSV.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { titleText } from "~/modules/i18n/meta";
import { regionLabel } from "~/modules/regions/label";
import {
  UpwardContracts,
  UpwardOrganizations,
  UpwardVisits,
} from "~/modules/reports/components/upward-sections";
import { YearRegionFilter } from "~/modules/reports/components/year-region-filter";
import { reportRegionChoices, requireReviewRequest } from "~/modules/reports/region.server";
import { upwardReport } from "~/modules/reports/upward.server";
import { upwardTables } from "~/modules/reports/upward-sheets.server";
import reportsCss from "~/styles/reports.css?url";
import { formatDate } from "~/utils/format";

export const handle = { i18n: ["common", "reports", "visitTools"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.report.region.name} ${data.report.period.year}` : "—");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, years, region, period } = await requireReviewRequest(request);
  const [report, regions] = await Promise.all([
    upwardReport({ user, region, period }),
    reportRegionChoices(user),
  ]);
  return { report, years, regions, tables: upwardTables };
}

export default function UpwardReportPage() {
  const { report, years, regions, tables } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reports", "common"]);
  const lng = i18n.language;
  const { region, period } = report;
  const query = `year=${period.year}&region=${region.code}`;
  return (
    <article className="report" data-testid="upward-report">
      <PageHeader
        title={t("upward.title", { region: regionLabel(region, lng), year: period.year })}
        subtitle={t(period.complete ? "review.subtitleComplete" : "review.subtitlePartial", {
          start: formatDate(period.start, lng),
          end: formatDate(period.end, lng),
          asOf: formatDate(period.asOf, lng),
        })}
        actions={
          <a
            className="btn btn--secondary"
            href={`/reports/upward.xlsx?${query}`}
            download
            data-testid="upward-xlsx"
          >
            {t("common:actions.exportXlsx")}
          </a>
        }
      />
      <YearRegionFilter years={years} year={period.year} regions={regions} region={region.code} />
      <p className="btn-row no-print" data-testid="upward-csv">
        {tables.map((table) => (
          <a
            key={table}
            className="btn btn--ghost btn--small"
            href={`/reports/upward.csv?${query}&table=${table}`}
            download
          >
            {t("upward.csv", { table: t(`upward.${table}Title`) })}
          </a>
        ))}
      </p>
      <UpwardVisits report={report} />
      <UpwardContracts report={report} />
      <UpwardOrganizations report={report} />
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
