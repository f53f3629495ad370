// The contract table used on the contract register and on organization and project pages.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { executionRate } from "~/modules/contracts/budget-flags";
import { WanCell } from "~/modules/kernel/money";
import { formatDate } from "~/utils/format";
import type { ContractSummary } from "../summary";
import { ContractStatusBadge, RateBar } from "./money";

export type ContractRow = ContractSummary;

/** The header cells over `ContractCells`, and the amount's. */
export function ContractHeadCells({
  showOrganization = true,
  showSubject = true,
}: {
  showOrganization?: boolean;
  showSubject?: boolean;
}) {
  const { t } = useTranslation(["contracts", "common"]);
  return (
    <>
      <th>{t("fields.title")}</th>
      {showOrganization ? <th>{t("fields.organization")}</th> : null}
      {showSubject ? <th>{t("fields.subject")}</th> : null}
      <th>{t("fields.period")}</th>
      <th className="num">{t("fields.amount")}</th>
    </>
  );
}

/**
 * The cells that say which contract a row is: its title and code, the organization, the subject and the period.
 * `labelled` (the register's table, a card per row on a phone) gives each cell the label its card shows.
 */
export function ContractCells({
  contract: c,
  showOrganization = true,
  showSubject = true,
  labelled = false,
}: {
  contract: Pick<
    ContractRow,
    | "id"
    | "title"
    | "code"
    | "organizationId"
    | "organizationName"
    | "subjectName"
    | "placeName"
    | "startsOn"
    | "endsOn"
  >;
  showOrganization?: boolean;
  showSubject?: boolean;
  labelled?: boolean;
}) {
  const { t, i18n } = useTranslation(["contracts", "common"]);
  const label = (key: string) => (labelled ? t(key) : undefined);
  return (
    <>
      <td className={labelled ? "cell--title" : undefined}>
        <Link to={`/contracts/${c.id}`}>{c.title}</Link>
        <div className="muted small">{c.code}</div>
      </td>
      {showOrganization ? (
        <td data-label={label("fields.organization")}>
          <Link to={`/organizations/${c.organizationId}`}>{c.organizationName}</Link>
        </td>
      ) : null}
      {showSubject ? (
        <td data-label={label("fields.subject")}>
          {c.subjectName}
          <div className="muted small">{c.placeName}</div>
        </td>
      ) : null}
      <td className="nowrap" data-label={label("fields.period")}>
        {formatDate(c.startsOn, i18n.language)}
        <div className="muted small">→ {formatDate(c.endsOn, i18n.language)}</div>
      </td>
    </>
  );
}

export function ContractTable({
  rows,
  showOrganization = true,
  showSubject = true,
  showMoney = true,
}: {
  rows: ContractRow[];
  showOrganization?: boolean;
  showSubject?: boolean;
  showMoney?: boolean;
}) {
  const { t } = useTranslation(["contracts", "common"]);
  if (rows.length === 0) return <p className="muted">{t("list.empty")}</p>;
  return (
    <ListTable
      testId="contract-table"
      head={
        <>
          <ContractHeadCells showOrganization={showOrganization} showSubject={showSubject} />
          {showMoney ? (
            <>
              <th className="num">{t("money.allocated")}</th>
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
          <ContractCells contract={c} showOrganization={showOrganization} showSubject={showSubject} />
          <WanCell fen={c.amountFen} />
          {showMoney ? (
            <>
              <WanCell fen={c.allocatedFen} />
              <WanCell fen={c.spentFen} />
              <td>
                <RateBar rate={executionRate(c.spentFen, c.allocatedFen)} />
              </td>
            </>
          ) : null}
          <td>
            <ContractStatusBadge status={c.status} />
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
