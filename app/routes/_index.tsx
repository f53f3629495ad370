import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { headlineFigures } from "~/modules/overview/queries.server";
import { requireUser } from "~/utils/auth.server";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatNumber } from "~/utils/format";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "home"] };
export const meta = pageTitle("common:nav.home");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const figures = await headlineFigures(user);
  return { figures, today: todayInShanghai() };
}

export default function Home() {
  const { figures, today } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["home", "common"]);
  const n = (v: number | null) => formatNumber(v, i18n.language);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("asOf", { date: formatDate(today, i18n.language) })} />
      <h2>{t("stations")}</h2>
      <StatGrid>
        <Stat
          label={t("stationsOperating")}
          value={n(figures.stations.operating)}
          tone="good"
          to="/facilities?kind=social_work_station&status=operating"
          testId="stations-operating"
        />
        <Stat
          label={t("stationsUnderConstruction")}
          value={n(figures.stations.underConstruction)}
          to="/facilities?kind=social_work_station&status=under_construction"
          testId="stations-under-construction"
        />
        <Stat
          label={t("stationsPlanned")}
          value={n(figures.stations.planned)}
          to="/facilities?kind=social_work_station&status=planned"
          testId="stations-planned"
        />
        <Stat
          label={t("facilitiesAll")}
          value={n(figures.facilities)}
          to="/facilities"
          testId="facilities-all"
        />
      </StatGrid>
      <h2>{t("common:groups.services")}</h2>
      <StatGrid>
        <Stat
          label={t("organizationsUnderContract")}
          value={n(figures.organizationsUnderContract)}
          to="/contracts?status=active"
          testId="organizations-under-contract"
        />
        {figures.peopleInCare !== null ? (
          <Stat
            label={t("peopleInCare")}
            value={n(figures.peopleInCare)}
            to="/people"
            testId="people-in-care"
          />
        ) : null}
        {figures.visitsDueThisWeek !== null ? (
          <Stat
            label={t("visitsDueThisWeek")}
            value={n(figures.visitsDueThisWeek)}
            to="/visits?due=week"
            testId="visits-due-week"
          />
        ) : null}
        {figures.visitsOverdue !== null ? (
          <Stat
            label={t("visitsOverdue")}
            value={n(figures.visitsOverdue)}
            tone={figures.visitsOverdue > 0 ? "bad" : "good"}
            to="/visits?due=overdue"
            testId="visits-overdue"
          />
        ) : null}
      </StatGrid>
      <h2>{t("regionsInScope")}</h2>
      <StatGrid>
        <Stat label={t("counties")} value={n(figures.regions.counties)} to="/coverage" />
        <Stat label={t("townships")} value={n(figures.regions.townships)} to="/coverage" />
        <Stat label={t("villages")} value={n(figures.regions.villages)} to="/coverage" />
      </StatGrid>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
