import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contractStatuses } from "#db/schema/contracts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/ui/page-header";
import { Pagination, pageFromSearch } from "~/components/ui/pagination";
import { Stat, StatGrid } from "~/components/ui/stat";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { executionRate } from "~/modules/budget/flags";
import { ContractStatusBadge, FlagBadges, RateBar, Wan } from "~/modules/contracts/components/money";
import { listContracts, organizationChoices } from "~/modules/contracts/queries.server";
import { pageTitle } from "~/modules/i18n/meta";
import { enumParam, idParam, textParam, yearParam } from "~/modules/kernel/search-params";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate, formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "contracts", "budget"] };
export const meta = pageTitle("common:nav.contracts");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:contract");
  const search = new URL(request.url).searchParams;
  const page = pageFromSearch(search);
  const today = todayInShanghai();
  const filters = {
    q: textParam(search, "q"),
    status: enumParam(search, "status", contractStatuses),
    organizationId: idParam(search, "organizationId"),
    subjectKind: enumParam(search, "subject", ["facility", "project"] as const),
    year: yearParam(search),
  };
  const [list, organizations] = await Promise.all([
    listContracts({ user, filters, page, pageSize: PAGE_SIZE, asOf: today }),
    user.scope.kind === "organization" ? Promise.resolve([]) : organizationChoices(user),
  ]);
  const year = Number(today.slice(0, 4));
  return {
    ...list,
    page,
    organizations,
    statuses: contractStatuses,
    years: [year + 1, year, year - 1, year - 2, year - 3],
    canCreate: userCan(user, "write:contract"),
    showMoney: userCan(user, "read:funding") || userCan(user, "read:expenditure"),
  };
}

export default function Contracts() {
  const { rows, total, statusCounts, page, organizations, statuses, years, canCreate, showMoney } =
    useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["contracts", "common"]);
  const [search] = useSearchParams();
  const lang = i18n.language;
  return (
    <>
      <PageHeader
        title={t("common:nav.contracts")}
        subtitle={t("list.subtitle")}
        actions={
          canCreate ? (
            <Link to="/contracts/new" className="btn">
              {t("list.create")}
            </Link>
          ) : null
        }
      />
      <StatGrid>
        {statuses.map((s) => (
          <Stat
            key={s}
            label={t(`common:enum.contractStatus.${s}`)}
            value={formatNumber(statusCounts[s] ?? 0, lang)}
            to={`/contracts?status=${s}`}
            tone={s === "active" ? "good" : "default"}
          />
        ))}
      </StatGrid>
      <Form method="get" className="filters" role="search">
        <label>
          {t("common:actions.search")}
          <input
            type="search"
            name="q"
            defaultValue={search.get("q") ?? ""}
            placeholder={t("list.searchPlaceholder")}
          />
        </label>
        <label>
          {t("fields.status")}
          <select name="status" defaultValue={search.get("status") ?? ""}>
            <option value="">{t("list.all")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`common:enum.contractStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {organizations.length > 1 ? (
          <label>
            {t("fields.organization")}
            <select name="organizationId" defaultValue={search.get("organizationId") ?? ""}>
              <option value="">{t("list.all")}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t("fields.subject")}
          <select name="subject" defaultValue={search.get("subject") ?? ""}>
            <option value="">{t("list.all")}</option>
            <option value="facility">{t("list.subjectFacility")}</option>
            <option value="project">{t("list.subjectProject")}</option>
          </select>
        </label>
        <label>
          {t("list.year")}
          <select name="year" defaultValue={search.get("year") ?? ""}>
            <option value="">{t("list.all")}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn--secondary">
          {t("common:actions.filter")}
        </button>
        {search.toString() ? (
          <Link to="/contracts" className="btn btn--ghost">
            {t("common:actions.reset")}
          </Link>
        ) : null}
      </Form>
      {rows.length === 0 ? (
        <div className="card empty-state">
          <p>{t("list.empty")}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="contract-table">
            <thead>
              <tr>
                <th>{t("fields.title")}</th>
                <th>{t("fields.organization")}</th>
                <th>{t("fields.subject")}</th>
                <th>{t("fields.period")}</th>
                <th className="num">{t("fields.amount")}</th>
                {showMoney ? (
                  <>
                    <th className="num">{t("money.spent")}</th>
                    <th>{t("money.rate")}</th>
                  </>
                ) : null}
                <th>{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/contracts/${c.id}`}>{c.title}</Link>
                    <div className="muted small">{c.code}</div>
                  </td>
                  <td>
                    <Link to={`/organizations/${c.organizationId}`}>{c.organizationName}</Link>
                  </td>
                  <td>
                    {c.subjectName}
                    <div className="muted small">{c.placeName}</div>
                  </td>
                  <td className="nowrap">
                    {formatDate(c.startsOn, lang)}
                    <div className="muted small">→ {formatDate(c.endsOn, lang)}</div>
                  </td>
                  <td className="num">
                    <Wan fen={c.amountFen} />
                  </td>
                  {showMoney ? (
                    <>
                      <td className="num">
                        <Wan fen={c.spentFen} />
                        <div className="muted small">
                          {t("list.ofAllocated")} <Wan fen={c.allocatedFen} />
                        </div>
                      </td>
                      <td>
                        <RateBar rate={executionRate(c.spentFen, c.allocatedFen)} />
                      </td>
                    </>
                  ) : null}
                  <td>
                    <div className="badge-stack">
                      <ContractStatusBadge status={c.status} />
                      {showMoney ? <FlagBadges flags={c.flags} /> : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
