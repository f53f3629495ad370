import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fundingSourceKinds } from "#db/schema/funding";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EnumFilter, FilterBar, FilterSelect } from "~/components/ui/filter-bar";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { RateBar } from "~/modules/contracts/components/money";
import { fundingYears, listFundingSources } from "~/modules/funding/sources.server";
import { sourcesMoney } from "~/modules/funding/sums.server";
import { pageTitle } from "~/modules/i18n/meta";
import { Wan, WanCell } from "~/modules/kernel/money";
import { enumParam, yearParam } from "~/modules/kernel/search-params";
import contractsCss from "~/styles/contracts.css?url";

export const handle = { i18n: ["common", "funding", "contracts", "budget"] };
export const meta = pageTitle("common:nav.funding");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:funding");
  const search = new URL(request.url).searchParams;
  const years = await fundingYears(user);
  const year = search.has("year") ? yearParam(search) : years[0];
  const kind = enumParam(search, "kind", fundingSourceKinds);
  const rows = await listFundingSources({ user, year, kind });
  return {
    rows,
    totals: sourcesMoney(rows),
    years,
    year: year ?? null,
    kinds: fundingSourceKinds,
    canManage: userCan(user, "write:funding"),
  };
}

export default function Funding() {
  const { rows, totals, years, year, kinds, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["funding", "contracts", "common"]);
  const { totalFen: total, allocatedFen: allocated } = totals;
  return (
    <>
      <PageHeader
        title={t("common:nav.funding")}
        subtitle={t("list.subtitle")}
        actions={
          <>
            <Link to={`/budget${year ? `?year=${year}` : ""}`} className="btn btn--secondary">
              {t("list.toBudget")}
            </Link>
            {canManage ? (
              <>
                <Link to="/funding/allocate" className="btn btn--secondary">
                  {t("list.allocate")}
                </Link>
                <Link to="/funding/new" className="btn">
                  {t("list.create")}
                </Link>
              </>
            ) : null}
          </>
        }
      />
      <FilterBar>
        <FilterSelect
          name="year"
          label={t("source.year")}
          value={year ?? ""}
          allLabel={t("list.allYears")}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        <EnumFilter
          name="kind"
          label={t("source.kind")}
          allLabel={t("list.allKinds")}
          of="fundingSourceKind"
          values={kinds}
        />
      </FilterBar>
      <StatGrid>
        <Stat label={t("list.total")} value={<Wan fen={total} />} testId="funding-total" />
        <Stat label={t("list.allocated")} value={<Wan fen={allocated} />} testId="funding-allocated" />
        <Stat label={t("list.left")} value={<Wan fen={total - allocated} />} testId="funding-left" />
      </StatGrid>
      <ListTable
        empty={rows.length === 0}
        emptyText={t("list.empty")}
        testId="funding-table"
        head={
          <>
            <th>{t("source.name")}</th>
            <th>{t("source.kind")}</th>
            <th>{t("source.year")}</th>
            <th>{t("source.region")}</th>
            <th className="num">{t("list.total")}</th>
            <th className="num">{t("list.allocated")}</th>
            <th className="num">{t("list.left")}</th>
            <th>{t("list.allocatedShare")}</th>
            <th className="num">{t("list.contracts")}</th>
          </>
        }
        foot={
          <tr>
            <th colSpan={4}>{t("list.sum")}</th>
            <th className="num">
              <Wan fen={total} />
            </th>
            <th className="num">
              <Wan fen={allocated} />
            </th>
            <th className="num">
              <Wan fen={total - allocated} />
            </th>
            <th colSpan={2} />
          </tr>
        }
      >
        {rows.map((s) => (
          <tr key={s.id}>
            <td>
              <Link to={`/funding/${s.id}`}>{s.name}</Link>
            </td>
            <td>
              {t(`common:enum.fundingSourceKind.${s.kind}`)}
              {s.donorProvince ? <div className="muted small">{s.donorProvince}</div> : null}
            </td>
            <td>{s.year}</td>
            <td>{s.regionName}</td>
            <WanCell fen={s.totalFen} />
            <WanCell fen={s.allocatedFen} />
            <WanCell fen={s.totalFen - s.allocatedFen} />
            <td>
              <RateBar rate={s.totalFen > 0 ? s.allocatedFen / s.totalFen : null} />
            </td>
            <td className="num">{s.contracts}</td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
