// The months waiting on someone, in the user's scope: those the organization owes (ended and never submitted,
// returned, reopened) and those submitted for the planner to review. The home pages' sign-off figures open it.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { pageTitle } from "~/modules/i18n/meta";
import { enumParam } from "~/modules/kernel/search-params";
import { MonthStateBadge } from "~/modules/signoff/components/month-state";
import { listWaitingMonths, waitingFilters } from "~/modules/signoff/queries.server";
import contractsCss from "~/styles/contracts.css?url";
import signoffCss from "~/styles/signoff.css?url";
import { formatMonth } from "~/utils/format";

export const handle = { i18n: ["common", "signoff"] };
export const meta = pageTitle("signoff:listTitle");
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: contractsCss },
  { rel: "stylesheet", href: signoffCss },
];

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:contract");
  const search = new URL(request.url).searchParams;
  const filter =
    enumParam(search, "state", waitingFilters) ?? (userCan(user, "review:signoff") ? "submitted" : "todo");
  const page = pageFromSearch(search);
  const list = await listWaitingMonths({ user, filter, page, pageSize: PAGE_SIZE });
  return { ...list, filter, page };
}

export default function WaitingMonths() {
  const { rows, total, filter, page } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["signoff", "common"]);
  return (
    <>
      <PageHeader title={t("listTitle")} subtitle={t("listSubtitle")} />
      <nav className="chips" aria-label={t("listTitle")}>
        {(["todo", "submitted"] as const).map((f) => (
          <Link key={f} to={`?state=${f}`} className={f === filter ? "chip chip--on" : "chip"}>
            {t(`filter.${f}`)}
          </Link>
        ))}
      </nav>
      <ListTable
        empty={rows.length === 0}
        emptyText={t(`empty.${filter}`)}
        testId="waiting-months"
        cards
        head={
          <>
            <th>{t("col.month")}</th>
            <th>{t("col.contract")}</th>
            <th>{t("col.organization")}</th>
            <th>{t("col.state")}</th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={`${r.contractId}-${r.month}`}>
            <td className="cell--title" data-label={t("col.month")}>
              <Link to={`/contracts/${r.contractId}/months?month=${r.month}`}>
                {formatMonth(Number(r.month.slice(0, 4)), Number(r.month.slice(5, 7)), i18n.language)}
              </Link>
            </td>
            <td data-label={t("col.contract")}>
              {r.subjectName} <span className="muted small">{r.code}</span>
            </td>
            <td data-label={t("col.organization")}>{r.organizationName}</td>
            <td data-label={t("col.state")}>
              <MonthStateBadge state={r.state} />
            </td>
          </tr>
        ))}
      </ListTable>
      {rows.length ? <Pagination page={page} pageSize={PAGE_SIZE} total={total} /> : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
