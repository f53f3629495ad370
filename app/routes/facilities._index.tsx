import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { facilityKinds, facilityStatuses } from "#db/schema/facilities";
import { Badge, facilityStatusTone } from "~/components/ui/badge";
import { EnumFilter, FilterBar, FilterCheck, FilterSearch, FilterSelect } from "~/components/ui/filter-bar";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { type FacilitySortKey, parseFacilityFilters, parseFacilitySort } from "~/modules/facilities/filters";
import { listFacilities } from "~/modules/facilities/queries.server";
import { pageTitle } from "~/modules/i18n/meta";
import { regionFilterOptions } from "~/modules/regions/queries.server";
import mapCss from "~/styles/map.css?url";
import { formatDate } from "~/utils/format";

export const handle = { i18n: ["common", "facilities", "map"] };
export const meta = pageTitle("common:nav.facilities");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mapCss }];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:facility");
  const search = new URL(request.url).searchParams;
  const filters = parseFacilityFilters(search);
  const { sort, dir } = parseFacilitySort(search);
  const page = pageFromSearch(search);
  const [list, options] = await Promise.all([
    listFacilities({ user, filters, sort, dir, page, pageSize: PAGE_SIZE }),
    regionFilterOptions(user, { county: filters.county }),
  ]);
  return {
    ...list,
    page,
    pageSize: PAGE_SIZE,
    filters,
    sort,
    dir,
    options,
    kinds: facilityKinds,
    statuses: facilityStatuses,
    canEdit: userCan(user, "write:facility"),
  };
}

function SortHeader({
  column,
  label,
  sort,
  dir,
}: {
  column: FacilitySortKey;
  label: string;
  sort: string;
  dir: string;
}) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const active = sort === column;
  params.set("sort", column);
  params.set("dir", active && dir === "asc" ? "desc" : "asc");
  params.delete("page");
  return (
    <th aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link className="sort-link" to={`?${params}`} preventScrollReset>
        {label}
        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

export default function FacilityRegister() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["facilities", "map", "common"]);
  const location = useLocation();
  const { filters } = data;
  const townships = filters.county
    ? data.options.townships.filter((tw) => tw.parentCode === filters.county)
    : data.options.townships;
  const exportParams = new URLSearchParams(location.search);
  exportParams.delete("page");
  const qs = exportParams.toString();
  return (
    <>
      <PageHeader
        title={t("register.title")}
        subtitle={t("register.subtitle")}
        actions={
          <>
            <Link to={`/map${qs ? `?${qs}` : ""}`} className="btn btn--secondary">
              {t("register.onMap")}
            </Link>
            <a href={`/facilities/export${qs ? `?${qs}` : ""}`} className="btn btn--secondary" download>
              {t("common:actions.exportCsv")}
            </a>
            {data.canEdit ? (
              <Link to="/facilities/new" className="btn">
                {t("register.new")}
              </Link>
            ) : null}
          </>
        }
      />
      <FilterBar testId="facility-filters" keep={["sort", "dir"]}>
        <FilterSearch label={t("map:filters.search")} />
        <FilterSelect
          name="county"
          label={t("map:filters.county")}
          value={filters.county ?? ""}
          options={data.options.counties.map((c) => ({ value: c.code, label: c.name }))}
        />
        <FilterSelect
          name="township"
          label={t("map:filters.township")}
          value={filters.township ?? ""}
          options={townships.map((c) => ({ value: c.code, label: c.name }))}
        />
        <EnumFilter
          name="kind"
          label={t("map:filters.kind")}
          value={filters.kind ?? ""}
          of="facilityKind"
          values={data.kinds}
        />
        <EnumFilter
          name="status"
          label={t("map:filters.status")}
          value={filters.status ?? ""}
          of="facilityStatus"
          values={data.statuses}
        />
        <FilterCheck name="approx" label={t("map:filters.approx")} />
        <FilterCheck name="noOperator" label={t("map:filters.noOperator")} />
      </FilterBar>
      <ListTable
        empty={data.rows.length === 0}
        emptyText={t("register.empty")}
        testId="facility-table"
        cards
        head={
          <>
            <SortHeader column="name" label={t("fields.name")} sort={data.sort} dir={data.dir} />
            <SortHeader column="code" label={t("fields.code")} sort={data.sort} dir={data.dir} />
            <SortHeader column="township" label={t("fields.township")} sort={data.sort} dir={data.dir} />
            <SortHeader column="kind" label={t("fields.kind")} sort={data.sort} dir={data.dir} />
            <SortHeader column="status" label={t("fields.status")} sort={data.sort} dir={data.dir} />
            <SortHeader column="openedOn" label={t("fields.openedOn")} sort={data.sort} dir={data.dir} />
            <SortHeader
              column="organization"
              label={t("fields.organization")}
              sort={data.sort}
              dir={data.dir}
            />
            <th>{t("fields.coordQuality")}</th>
          </>
        }
      >
        {data.rows.map((r) => (
          <tr key={r.id}>
            <td className="cell--title">
              <Link to={`/facilities/${r.id}`}>{r.name}</Link>
            </td>
            <td className="nowrap" data-label={t("fields.code")}>
              <code>{r.code}</code>
            </td>
            <td data-label={t("fields.township")}>
              {r.countyName ? <span className="muted">{r.countyName} · </span> : null}
              {r.townshipName}
            </td>
            <td data-label={t("fields.kind")}>{t(`common:enum.facilityKind.${r.kind}`)}</td>
            <td data-label={t("fields.status")}>
              <Badge tone={facilityStatusTone[r.status]}>{t(`common:enum.facilityStatus.${r.status}`)}</Badge>
            </td>
            <td className="nowrap" data-label={t("fields.openedOn")}>
              {formatDate(r.openedOn, i18n.language)}
            </td>
            <td data-label={t("fields.organization")}>
              {r.organizationName ?? <span className="muted">—</span>}
              {r.contractEndsOn ? (
                <div className="muted small">
                  {t("register.until", { date: formatDate(r.contractEndsOn, i18n.language) })}
                </div>
              ) : null}
            </td>
            <td data-label={t("fields.coordQuality")}>
              {r.lat == null ? t("register.noPoint") : t(`common:coordQuality.${r.coordQuality}`)}
            </td>
          </tr>
        ))}
      </ListTable>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
