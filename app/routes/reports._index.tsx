import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { regionLabel } from "~/modules/regions/label";
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
  const { t, i18n } = useTranslation(["reports", "common"]);
  const lang = i18n.language;
  return (
    <>
      <PageHeader title={t("common:nav.reports")} subtitle={t("index.subtitle")} />
      <div className="grid-2">
        {data.regions.length > 0 ? (
          <section className="card" data-testid="year-in-review-card">
            <h2>{t("index.reviewTitle")}</h2>
            <p className="muted">{t("index.reviewBody")}</p>
            <Form method="get" action="/reports/year-in-review" className="form">
              <div className="field">
                <label htmlFor="review-year">{t("review.year")}</label>
                <select id="review-year" name="year" defaultValue={data.years[0]}>
                  {data.years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="review-region">{t("review.region")}</label>
                <select id="review-region" name="region">
                  {data.regions.map((r) => (
                    <option key={r.code} value={r.code}>
                      {regionLabel(r, lang)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn">
                {t("review.show")}
              </button>
            </Form>
          </section>
        ) : null}
        {data.regions.length > 0 ? (
          <section className="card" data-testid="upward-card">
            <h2>{t("index.upwardTitle")}</h2>
            <p className="muted">{t("index.upwardBody")}</p>
            <Form method="get" action="/reports/upward" className="form">
              <div className="field">
                <label htmlFor="upward-year">{t("review.year")}</label>
                <select id="upward-year" name="year" defaultValue={data.years[0]}>
                  {data.years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="upward-region">{t("review.region")}</label>
                <select id="upward-region" name="region">
                  {data.regions.map((r) => (
                    <option key={r.code} value={r.code}>
                      {regionLabel(r, lang)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn">
                {t("index.upwardShow")}
              </button>
            </Form>
          </section>
        ) : null}
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

export const ErrorBoundary = GeneralErrorBoundary;
