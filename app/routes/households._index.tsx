// Households (户) in the user's scope, by village and number, with the 低保 households and persons among them.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterBar, FilterSearch } from "~/components/ui/filter-bar";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { pageFromSearch } from "~/components/ui/pagination";
import { requirePermission } from "~/modules/access/guard.server";
import { DibaoFigures } from "~/modules/households/components/dibao-figures";
import { dibaoCounts } from "~/modules/households/dibao.server";
import { listHouseholds } from "~/modules/households/queries.server";
import { pageTitle } from "~/modules/i18n/meta";
import householdsCss from "~/styles/households.css?url";

export const handle = { i18n: ["common", "households"] };
export const meta = pageTitle("households:list.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: householdsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:household");
  const search = new URL(request.url).searchParams;
  const q = search.get("q")?.trim().slice(0, 40) || undefined;
  const page = pageFromSearch(search);
  const [list, dibao] = await Promise.all([listHouseholds({ user, q, page }), dibaoCounts({ user })]);
  return { ...list, dibao, page, q };
}

export default function HouseholdsPage() {
  const { rows, more, page, dibao } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["households", "common"]);
  const [search] = useSearchParams();
  const pageLink = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <>
      <PageHeader title={t("list.title")} subtitle={t("list.subtitle")} />
      <div className="card">
        <DibaoFigures counts={dibao} />
        <p className="muted small">{t("dibao.definition")}</p>
      </div>
      <FilterBar>
        <FilterSearch label={t("list.search")} placeholder={t("list.searchPlaceholder")} />
      </FilterBar>
      <ListTable
        empty={rows.length === 0}
        emptyText={t("list.empty")}
        testId="households-table"
        cards
        head={
          <>
            <th>{t("fields.number")}</th>
            <th>{t("fields.village")}</th>
            <th>{t("fields.head")}</th>
            <th className="num">{t("fields.memberCount")}</th>
          </>
        }
      >
        {rows.map((h) => (
          <tr key={h.id}>
            <td className="cell--title">
              <Link to={`/households/${h.id}`}>{h.number}</Link>
            </td>
            <td data-label={t("fields.village")}>
              {[h.villageName, h.townshipName].filter(Boolean).join(" · ")}
            </td>
            <td data-label={t("fields.head")}>
              {h.head ? h.head.fullName : <span className="muted">{t("list.noHead")}</span>}
            </td>
            <td data-label={t("fields.memberCount")} className="num">
              {h.members}
            </td>
          </tr>
        ))}
      </ListTable>
      {page > 1 || more ? (
        <nav className="pagination" aria-label="pagination">
          <span className="pagination__links">
            {page > 1 ? <Link to={pageLink(page - 1)}>{t("common:actions.previous")}</Link> : null}
            {more ? <Link to={pageLink(page + 1)}>{t("common:actions.next")}</Link> : null}
          </span>
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
