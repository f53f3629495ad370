// This year beside the last for a planner: every headline figure of the year in review, both years, the difference.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { titleText } from "~/modules/i18n/meta";
import { regionLabel } from "~/modules/regions/label";
import { YearOnYearTable } from "~/modules/reports/components/year-on-year-table";
import { YearRegionFilter } from "~/modules/reports/components/year-region-filter";
import { PrintButton } from "~/modules/reports/print-button";
import { reportRegionChoices, requireReviewRequest } from "~/modules/reports/region.server";
import { yearOnYear } from "~/modules/reports/year-on-year.server";
import reportsCss from "~/styles/reports.css?url";
import { formatDate } from "~/utils/format";

export const handle = { i18n: ["common", "reports"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.comparison.region.name} ${data.comparison.thisYear.year}` : "—");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, years, region, period } = await requireReviewRequest(request);
  const [comparison, regions] = await Promise.all([
    yearOnYear({ user, region, period }),
    reportRegionChoices(user),
  ]);
  return { comparison, years, regions };
}

export default function YearOnYearPage() {
  const { comparison, years, regions } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reports", "common"]);
  const lng = i18n.language;
  const { region, thisYear, lastYear } = comparison;
  return (
    <article className="report" data-testid="year-on-year-page">
      <PageHeader
        title={t("yoy.title", { region: regionLabel(region, lng), year: thisYear.year, last: lastYear.year })}
        subtitle={
          thisYear.complete
            ? t("yoy.subtitleComplete")
            : t("yoy.subtitlePartial", { date: formatDate(thisYear.asOf, lng), last: lastYear.year })
        }
        actions={
          <>
            <PrintButton />
            <Link
              className="btn btn--secondary"
              to={`/reports/year-in-review?year=${thisYear.year}&region=${region.code}`}
              data-testid="back-to-review"
            >
              {t("yoy.backToReview")}
            </Link>
          </>
        }
      />
      <YearRegionFilter years={years} year={thisYear.year} regions={regions} region={region.code} />
      <section className="report__section">
        <YearOnYearTable comparison={comparison} />
        <p className="muted report__note">{t("yoy.note")}</p>
      </section>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
