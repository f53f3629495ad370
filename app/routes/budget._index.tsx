import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClientOnly } from "~/components/ui/client-only";
import { FilterBar, FilterSelect } from "~/components/ui/filter-bar";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission } from "~/modules/access/guard.server";
import { budgetCountyChoices, budgetFigures, budgetYears } from "~/modules/budget/dashboard.server";
import type { ContractFigures } from "~/modules/budget/figures";
import { LAGGING_PERIOD_LEFT_BELOW, LAGGING_SPENT_BELOW } from "~/modules/contracts/budget-flags";
import { ContractStatusBadge, FlagBadges, RateBar } from "~/modules/contracts/components/money";
import { pageTitle } from "~/modules/i18n/meta";
import { Wan, WanCell, Yuan } from "~/modules/kernel/money";
import { yearParam } from "~/modules/kernel/search-params";
import { regionCodeParam } from "~/modules/regions/codes";
import budgetCss from "~/styles/budget.css?url";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatPercent } from "~/utils/format";

const BudgetCharts = lazy(() => import("~/modules/budget/charts.client"));

export const handle = { i18n: ["common", "budget", "contracts"] };
export const meta = pageTitle("common:nav.budget");
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contractsCss },
  { rel: "stylesheet", href: budgetCss },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:funding");
  const search = new URL(request.url).searchParams;
  const today = todayInShanghai();
  const [years, counties] = await Promise.all([budgetYears(user, today), budgetCountyChoices(user)]);
  const year = yearParam(search) ?? Number(today.slice(0, 4));
  const countyParam = regionCodeParam(search, "county");
  const county = counties.some((c) => c.code === countyParam) ? countyParam : undefined;
  const figures = await budgetFigures({ user, year, countyCode: county, asOf: today });
  const scopeName = user.scope.kind === "region" ? user.scope.regionName : null;
  return { figures, years, counties, year, county: county ?? null, today, scopeName };
}

function ContractsTable({ rows, testId }: { rows: ContractFigures[]; testId: string }) {
  const { t, i18n } = useTranslation(["budget", "contracts", "common"]);
  return (
    <ListTable
      testId={testId}
      head={
        <>
          <th>{t("contracts:fields.title")}</th>
          <th>{t("table.county")}</th>
          <th className="num">{t("contracts:fields.amount")}</th>
          <th className="num">{t("table.allocated")}</th>
          <th className="num">{t("table.spent")}</th>
          <th>{t("table.rate")}</th>
          <th className="num">{t("table.periodLeft")}</th>
          <th>{t("table.status")}</th>
        </>
      }
    >
      {rows.map((c) => (
        <tr key={c.id} data-contract={c.code}>
          <td>
            <Link to={`/contracts/${c.id}`}>{c.title}</Link>
            <div className="muted small">
              {c.code} · {c.organizationName}
            </div>
          </td>
          <td>{c.countyName}</td>
          <WanCell fen={c.amountFen} />
          <WanCell fen={c.allocatedFen} />
          <WanCell fen={c.spentFen} />
          <td>
            <RateBar rate={c.rate} timeShare={1 - c.periodLeftShare} />
          </td>
          <td className="num">{formatPercent(c.periodLeftShare, i18n.language, 0)}</td>
          <td>
            <div className="badge-stack">
              <ContractStatusBadge status={c.status} />
              <FlagBadges flags={c.flags} />
            </div>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

export default function BudgetDashboard() {
  const { figures, years, counties, year, county, today, scopeName } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["budget", "contracts", "common"]);
  const lang = i18n.language;
  const { totals } = figures;
  const flagged = figures.contracts.filter((c) => c.flags.length > 0);
  const query = new URLSearchParams({ year: String(year), ...(county ? { county } : {}) });
  const countyName = counties.find((c) => c.code === county)?.name;
  return (
    <>
      <PageHeader
        title={t("common:nav.budget")}
        subtitle={t("subtitle", {
          scope: countyName ?? scopeName ?? t("common:scope.all"),
          year,
          date: formatDate(today, lang),
        })}
        actions={
          <>
            <a
              className="btn btn--secondary"
              href={`/budget/export?format=xlsx&${query}`}
              data-testid="export-xlsx"
              download
            >
              {t("common:actions.exportXlsx")}
            </a>
            <details className="export-menu">
              <summary className="btn btn--secondary">{t("common:actions.exportCsv")}</summary>
              <ul>
                {(["sources", "counties", "contracts"] as const).map((table) => (
                  <li key={table}>
                    <a href={`/budget/export?format=csv&table=${table}&${query}`} download>
                      {t(`tables.${table}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          </>
        }
      />
      <FilterBar>
        <FilterSelect
          name="year"
          label={t("filters.year")}
          value={year}
          withAll={false}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        {counties.length > 1 ? (
          <FilterSelect
            name="county"
            label={t("filters.county")}
            value={county ?? ""}
            allLabel={t("filters.allCounties")}
            options={counties.map((c) => ({
              value: c.code,
              label: c.level === "county" ? c.name : t("prefectureLevel", { name: c.name }),
            }))}
          />
        ) : null}
      </FilterBar>
      <StatGrid>
        <Stat
          label={t("stats.sourcesTotal")}
          value={<Wan fen={totals.sourcesTotalFen} />}
          hint={<Yuan fen={totals.sourcesTotalFen} />}
          testId="budget-sources-total"
        />
        <Stat
          label={t("stats.allocated")}
          value={<Wan fen={totals.allocatedFen} />}
          hint={<Yuan fen={totals.allocatedFen} />}
          testId="budget-allocated"
        />
        <Stat
          label={t("stats.spent")}
          value={<Wan fen={totals.spentFen} />}
          hint={<Yuan fen={totals.spentFen} />}
          testId="budget-spent"
        />
        <Stat
          label={t("stats.rate")}
          value={<RateBar rate={totals.rate} timeShare={figures.yearElapsedShare} testId="budget-rate" />}
          hint={t("stats.timeElapsed", { share: formatPercent(figures.yearElapsedShare, lang) })}
        />
        <Stat
          label={t("stats.flagged")}
          value={`${totals.overspent} / ${totals.lagging}`}
          hint={t("stats.flaggedHint")}
          tone={totals.overspent > 0 ? "bad" : totals.lagging > 0 ? "warn" : "good"}
          testId="budget-flagged"
        />
      </StatGrid>
      <p className="muted small" data-testid="budget-definition">
        {t("definition", { year, date: formatDate(figures.asOf, lang) })}
      </p>
      <ClientOnly fallback={<div className="chart-placeholder card" aria-hidden="true" />}>
        {() => (
          <Suspense fallback={<div className="chart-placeholder card" aria-hidden="true" />}>
            <BudgetCharts
              data={{
                counties: figures.counties.map((c) => ({
                  name: c.prefectureLevel ? t("prefectureLevel", { name: c.name }) : c.name,
                  allocatedFen: c.allocatedFen,
                  spentFen: c.spentFen,
                })),
                months: figures.months,
                asOfMonth: today.startsWith(String(year)) ? today.slice(0, 7) : null,
              }}
            />
          </Suspense>
        )}
      </ClientOnly>
      <section>
        <h2>{t("tables.sources")}</h2>
        <ListTable
          testId="budget-sources"
          head={
            <>
              <th>{t("table.source")}</th>
              <th className="num">{t("table.total")}</th>
              <th className="num">{t("table.allocated")}</th>
              <th className="num">{t("table.spent")}</th>
              <th>{t("table.rateVsTime")}</th>
              <th className="num">{t("table.left")}</th>
              <th className="num">{t("table.contracts")}</th>
            </>
          }
          foot={
            <tr>
              <th>{t("table.sum")}</th>
              <th className="num">
                <Wan fen={totals.sourcesTotalFen} />
              </th>
              <th className="num">
                <Wan fen={totals.allocatedFen} />
              </th>
              <th className="num">
                <Wan fen={totals.spentFen} />
              </th>
              <th>
                <RateBar rate={totals.rate} timeShare={figures.yearElapsedShare} />
              </th>
              <th colSpan={2} />
            </tr>
          }
        >
          {figures.sources.map((s) => (
            <tr key={s.id ?? "none"} data-source={s.id ?? "none"}>
              <td>
                {s.id === null ? (
                  <span className="muted">{t("unallocated")}</span>
                ) : (
                  <Link to={`/funding/${s.id}`}>{s.name}</Link>
                )}
                {s.kind ? (
                  <div className="muted small">
                    {t(`common:enum.fundingSourceKind.${s.kind}`)}
                    {s.donorProvince ? ` · ${s.donorProvince}` : ""}
                  </div>
                ) : null}
              </td>
              <WanCell fen={s.totalFen} />
              <td className="num" data-fen={s.allocatedFen}>
                <Wan fen={s.allocatedFen} />
              </td>
              <td className="num" data-fen={s.spentFen}>
                <Wan fen={s.spentFen} />
              </td>
              <td>
                <RateBar rate={s.rate} timeShare={figures.yearElapsedShare} />
              </td>
              <WanCell fen={s.leftFen} />
              <td className="num">{s.contracts}</td>
            </tr>
          ))}
        </ListTable>
      </section>
      <section>
        <h2>{t("tables.counties")}</h2>
        <ListTable
          testId="budget-counties"
          head={
            <>
              <th>{t("table.county")}</th>
              <th className="num">{t("table.contracts")}</th>
              <th className="num">{t("contracts:fields.amount")}</th>
              <th className="num">{t("table.allocated")}</th>
              <th className="num">{t("table.spent")}</th>
              <th>{t("table.rateVsTime")}</th>
              <th>{t("table.flags")}</th>
            </>
          }
        >
          {figures.counties.map((c) => (
            <tr key={c.code} data-county={c.code}>
              <td>
                <Link to={`/budget?${new URLSearchParams({ year: String(year), county: c.code })}`}>
                  {c.prefectureLevel ? t("prefectureLevel", { name: c.name }) : c.name}
                </Link>
              </td>
              <td className="num">{c.contracts}</td>
              <WanCell fen={c.amountFen} />
              <td className="num" data-fen={c.allocatedFen}>
                <Wan fen={c.allocatedFen} />
              </td>
              <td className="num" data-fen={c.spentFen}>
                <Wan fen={c.spentFen} />
              </td>
              <td>
                <RateBar rate={c.rate} timeShare={figures.yearElapsedShare} />
              </td>
              <td>
                <FlagBadges
                  flags={[...Array(c.overspent).fill("overspent"), ...Array(c.lagging).fill("lagging")]}
                />
              </td>
            </tr>
          ))}
        </ListTable>
      </section>
      <section>
        <h2>{t("tables.flagged")}</h2>
        <p className="muted">
          {t("flagRules", {
            spent: formatPercent(LAGGING_SPENT_BELOW, lang, 0),
            left: formatPercent(LAGGING_PERIOD_LEFT_BELOW, lang, 0),
          })}
        </p>
        {flagged.length === 0 ? (
          <div className="card empty-state">
            <p>{t("noFlagged")}</p>
          </div>
        ) : (
          <ContractsTable rows={flagged} testId="budget-flagged-contracts" />
        )}
      </section>
      <details className="card details-card">
        <summary>
          <h2>{t("tables.contracts")}</h2>
          <span className="muted">{t("table.count", { n: figures.contracts.length })}</span>
        </summary>
        <ContractsTable rows={figures.contracts} testId="budget-contracts" />
      </details>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
