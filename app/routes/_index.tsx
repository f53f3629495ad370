// Home: what to do next for the user's kind of work first (visits due, contracts' month, what to review, sensitive
// access), then the scope's headline figures; every figure opens the list it counts.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requireUser } from "~/modules/access/guard.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { pageTitle } from "~/modules/i18n/meta";
import { NextSteps } from "~/modules/overview/components/next-steps";
import { nextSteps } from "~/modules/overview/next-steps.server";
import { headlineFigures } from "~/modules/overview/queries.server";
import { homeSections, scopeNameOf } from "~/modules/overview/tiles";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "home", "visits", "audit"] };

const homeTitle = pageTitle("common:nav.home");
/** "巴宜区 · 首页 · 社工站服务网络": the scope first, so a tab or bookmark says whose home it is. */
export const meta: MetaFunction<typeof loader> = (args) => {
  const [tag] = homeTitle(args) as { title: string }[];
  return [{ title: args.data?.scopeName ? `${args.data.scopeName} · ${tag.title}` : tag.title }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await i18nServer.getLocale(request);
  const [figures, next] = await Promise.all([headlineFigures(user), nextSteps(user, { locale })]);
  return {
    next,
    scopeName: scopeNameOf(user.scope, locale),
    userName: user.name,
    role: user.role,
    sections: homeSections(user, figures),
    today: todayInShanghai(),
  };
}

export default function Home() {
  const { next, scopeName, userName, role, sections, today } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["home", "common"]);
  const headings = {
    stations: t("stations"),
    services: t("common:groups.services"),
    regions: t("regionsInScope"),
  };
  return (
    <>
      <PageHeader
        title={scopeName ?? t("common:scope.all")}
        subtitle={
          <>
            <span className="home__greeting" data-testid="home-greeting">
              {t("greeting", { name: userName, role: t(`common:roles.${role}`) })}
            </span>
            <span className="home__as-of">{t("asOf", { date: formatDate(today, i18n.language) })}</span>
          </>
        }
      />
      <NextSteps sections={next} today={today} />
      {sections.map((section) =>
        section.tiles.length ? (
          <section key={section.heading} aria-labelledby={`home-${section.heading}`}>
            <h2 id={`home-${section.heading}`}>{headings[section.heading]}</h2>
            <StatGrid>
              {section.tiles.map((tile) => (
                <Stat
                  key={tile.key}
                  label={t(tile.key)}
                  value={formatNumber(tile.value, i18n.language)}
                  tone={tile.tone}
                  hint={tile.note ? t(tile.note) : undefined}
                  to={tile.to ?? undefined}
                  testId={tile.testId}
                />
              ))}
            </StatGrid>
          </section>
        ) : null,
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
