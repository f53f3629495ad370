import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { type NamedRegion, regionLabel } from "~/modules/regions/label";
import { reportContractChoices } from "~/modules/reports/contract-month.server";
import { reportRegionChoices, reportYears } from "~/modules/reports/region.server";
import reportsCss from "~/styles/reports.css?url";
import { todayInShanghai } from "~/utils/dates";

export const handle = { i18n: ["common", "reports"] };
export const meta = pageTitle("common:nav.reports");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report");
  const [years, regions, contracts] = await Promise.all([
    reportYears(),
    reportRegionChoices(user),
    reportContractChoices(user),
  ]);
  const today = todayInShanghai();
  return { years, regions, contracts, thisMonth: today.slice(0, 7) };
}

export default function ReportsIndex() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["reports", "common"]);
  return (
    <>
      <PageHeader title={t("common:nav.reports")} subtitle={t("index.subtitle")} />
      <div className="grid-2">
        {data.regions.length > 0
          ? yearRegionReports.map((report) => (
              <YearRegionCard key={report.id} report={report} years={data.years} regions={data.regions} />
            ))
          : null}
        <section className="card" data-testid="contract-month-card">
          <h2>{t("index.monthlyTitle")}</h2>
          <p className="muted">{t("index.monthlyBody")}</p>
          {data.contracts.length === 0 ? (
            <p className="muted">{t("common:table.empty")}</p>
          ) : (
            <Form method="get" action="/reports/contract" className="form">
              <div className="field">
                <label htmlFor="report-contract">{t("monthly.contract")}</label>
                <select id="report-contract" name="contract">
                  {data.contracts.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.subjectName} · {c.code}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="report-month">{t("monthly.month")}</label>
                <input id="report-month" type="month" name="month" defaultValue={data.thisMonth} />
              </div>
              <button type="submit" className="btn">
                {t("monthly.show")}
              </button>
            </Form>
          )}
        </section>
      </div>
    </>
  );
}

/** The reports over one year of one region, each a card whose form opens it. */
const yearRegionReports = [
  {
    id: "review",
    testId: "year-in-review-card",
    to: "/reports/year-in-review",
    title: "index.reviewTitle",
    body: "index.reviewBody",
    show: "review.show",
  },
  {
    id: "upward",
    testId: "upward-card",
    to: "/reports/upward",
    title: "index.upwardTitle",
    body: "index.upwardBody",
    show: "index.upwardShow",
  },
] as const;

function YearRegionCard({
  report: { id, testId, to, title, body, show },
  years,
  regions,
}: {
  report: (typeof yearRegionReports)[number];
  years: readonly number[];
  regions: readonly (NamedRegion & { code: string })[];
}) {
  const { t, i18n } = useTranslation("reports");
  return (
    <section className="card" data-testid={testId}>
      <h2>{t(title)}</h2>
      <p className="muted">{t(body)}</p>
      <Form method="get" action={to} className="form">
        <div className="field">
          <label htmlFor={`${id}-year`}>{t("review.year")}</label>
          <select id={`${id}-year`} name="year" defaultValue={years[0]}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t("review.region")}</label>
          <select id={`${id}-region`} name="region">
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {regionLabel(r, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t(show)}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
