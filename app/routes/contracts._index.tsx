import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contractStatuses } from "#db/schema/contracts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EnumFilter, FilterCheck, FilterSelect } from "~/components/ui/filter-bar";
import { RegisterList, registerListQuery } from "~/components/ui/register-list";
import { Stat } from "~/components/ui/stat";
import { requirePermission, seesContractMoney, userCan } from "~/modules/access/guard.server";
import { executionRate } from "~/modules/contracts/budget-flags";
import { ContractCells, ContractHeadCells } from "~/modules/contracts/components/contract-table";
import { ContractStatusBadge, FlagBadges, RateBar } from "~/modules/contracts/components/money";
import { ENDING_SOON_DAYS, endingSoonWindow } from "~/modules/contracts/ending";
import { listContracts, organizationChoices } from "~/modules/contracts/queries.server";
import { pageTitle } from "~/modules/i18n/meta";
import { Wan, WanCell } from "~/modules/kernel/money";
import { enumParam, idParam, textParam, yearParam } from "~/modules/kernel/search-params";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatNumber } from "~/utils/format";

export const handle = { i18n: ["common", "contracts", "budget"] };
export const meta = pageTitle("common:nav.contracts");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:contract");
  const { search, page, pageSize } = registerListQuery(request);
  const today = todayInShanghai();
  const filters = {
    q: textParam(search, "q"),
    status: enumParam(search, "status", contractStatuses),
    organizationId: idParam(search, "organizationId"),
    facilityId: idParam(search, "facility"),
    subjectKind: enumParam(search, "subject", ["facility", "project"] as const),
    year: yearParam(search),
    ending: search.get("ending") === "1" ? endingSoonWindow(today) : undefined,
  };
  const [list, organizations] = await Promise.all([
    listContracts({ user, filters, page, pageSize, asOf: today }),
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
    showMoney: seesContractMoney(user),
  };
}

export default function Contracts() {
  const { rows, total, statusCounts, page, organizations, statuses, years, canCreate, showMoney } =
    useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["contracts", "common"]);
  const lang = i18n.language;
  return (
    <RegisterList
      register="contracts"
      canCreate={canCreate}
      stats={statuses.map((s) => (
        <Stat
          key={s}
          label={t(`common:enum.contractStatus.${s}`)}
          value={formatNumber(statusCounts[s] ?? 0, lang)}
          to={`/contracts?status=${s}`}
          tone={s === "active" ? "good" : "default"}
        />
      ))}
      filters={
        <>
          <EnumFilter name="status" label={t("fields.status")} of="contractStatus" values={statuses} />
          {organizations.length > 1 ? (
            <FilterSelect
              name="organizationId"
              label={t("fields.organization")}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            />
          ) : null}
          <FilterSelect
            name="subject"
            label={t("fields.subject")}
            options={[
              { value: "facility", label: t("list.subjectFacility") },
              { value: "project", label: t("list.subjectProject") },
            ]}
          />
          <FilterSelect
            name="year"
            label={t("list.year")}
            options={years.map((y) => ({ value: y, label: String(y) }))}
          />
          <FilterCheck name="ending" label={t("list.endingSoon", { count: ENDING_SOON_DAYS })} />
        </>
      }
      cards
      testId="contract-table"
      rowCount={rows.length}
      page={page}
      total={total}
      head={
        <>
          <ContractHeadCells />
          {showMoney ? (
            <>
              <th className="num">{t("money.spent")}</th>
              <th>{t("money.rate")}</th>
            </>
          ) : null}
          <th>{t("fields.status")}</th>
        </>
      }
    >
      {rows.map((c) => (
        <tr key={c.id}>
          <ContractCells contract={c} labelled />
          <WanCell fen={c.amountFen} label={t("fields.amount")} />
          {showMoney ? (
            <>
              <td className="num" data-label={t("money.spent")}>
                <Wan fen={c.spentFen} />
                <div className="muted small">
                  {t("list.ofAllocated")} <Wan fen={c.allocatedFen} />
                </div>
              </td>
              <td data-label={t("money.rate")}>
                <RateBar rate={executionRate(c.spentFen, c.allocatedFen)} />
              </td>
            </>
          ) : null}
          <td data-label={t("fields.status")}>
            <div className="badge-stack">
              <ContractStatusBadge status={c.status} />
              {showMoney ? <FlagBadges flags={c.flags} /> : null}
            </div>
          </td>
        </tr>
      ))}
    </RegisterList>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
