// A region's year in review: every figure links to the rows behind it; printable, and as a workbook.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { DibaoSection } from "~/modules/households/components/dibao-figures";
import { titleText } from "~/modules/i18n/meta";
import { regionLabel } from "~/modules/regions/label";
import { ReviewActivities, ReviewHeadline } from "~/modules/reports/components/review-activities";
import { ReviewFunds, ReviewNetwork, ReviewOrganizations } from "~/modules/reports/components/review-network";
import { ReviewPeople, ReviewVisits } from "~/modules/reports/components/review-people";
import { YearRegionFilter } from "~/modules/reports/components/year-region-filter";
import { PrintButton } from "~/modules/reports/print-button";
import { reportRegionChoices, requireReviewRequest } from "~/modules/reports/region.server";
import { reviewWorkforce } from "~/modules/reports/review-workforce.server";
import { yearInReview } from "~/modules/reports/year-in-review.server";
import { EvaluationYearSection } from "~/modules/signoff/components/evaluation-year-section";
import { evaluationYear } from "~/modules/signoff/evaluations.server";
import { FieldYearSection } from "~/modules/visits/components/field-year-section";
import { fieldYear } from "~/modules/visits/field-year.server";
import { ReviewWorkforce } from "~/modules/workforce/components/workforce-sections";
import reportsCss from "~/styles/reports.css?url";
import { formatDate } from "~/utils/format";

export const handle = {
  i18n: ["common", "reports", "visits", "visitTools", "workforce", "households", "signoff", "contracts"],
};
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleText(matches, data ? `${data.review.region.name} ${data.review.period.year}` : "—");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, years, region, period } = await requireReviewRequest(request);
  const [review, regions, field, { workforce, trainings }, evaluations] = await Promise.all([
    yearInReview({ user, region, period }),
    reportRegionChoices(user),
    fieldYear({ prefix: region.prefix, period }),
    reviewWorkforce({ region, period }),
    evaluationYear({ prefix: region.prefix, period }),
  ]);
  return { review, years, regions, field, workforce, trainings, evaluations };
}

export default function YearInReviewPage() {
  const { review, years, regions, field, workforce, trainings, evaluations } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["reports", "common"]);
  const lng = i18n.language;
  const { region, period } = review;

  return (
    <article className="report" data-testid="year-in-review">
      <PageHeader
        title={t("review.title", { region: regionLabel(region, lng), year: period.year })}
        subtitle={
          period.complete
            ? t("review.subtitleComplete", {
                start: formatDate(period.start, lng),
                end: formatDate(period.end, lng),
              })
            : t("review.subtitlePartial", {
                start: formatDate(period.start, lng),
                asOf: formatDate(period.asOf, lng),
              })
        }
        actions={
          <>
            <PrintButton />
            <a
              className="btn btn--secondary"
              href={`/reports/year-in-review.xlsx?year=${period.year}&region=${region.code}`}
              download
              data-testid="xlsx-link"
            >
              {t("common:actions.exportXlsx")}
            </a>
            <Link
              className="btn btn--secondary"
              to={`/reports/year-on-year?year=${period.year}&region=${region.code}`}
              data-testid="year-on-year-link"
            >
              {t("yoy.open")}
            </Link>
          </>
        }
      />
      <YearRegionFilter years={years} year={period.year} regions={regions} region={region.code} />

      <ReviewHeadline review={review} />
      <ReviewActivities review={review} />
      <ReviewPeople review={review} />
      <DibaoSection counts={review.dibao} asOf={period.asOf} />
      <ReviewVisits review={review} />
      <FieldYearSection field={field} />
      <ReviewFunds review={review} />
      <ReviewNetwork review={review} />
      <ReviewOrganizations review={review} />
      <ReviewWorkforce workforce={workforce} trainings={trainings} level={region.level} />
      <EvaluationYearSection evaluations={evaluations} />
      <footer className="report__footer muted">
        {t("review.footer", { date: formatDate(period.asOf, lng) })}
      </footer>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
