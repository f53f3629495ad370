// The upward report's sections on the page: visits and 月探访率 by month (the region and its counties; townships and
// stations are in the downloads), the contracts, and the organizations. Every figure with rows behind it links to
// them. Client-safe.
import { Link } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { CardTable, type Column } from "~/components/ui/card-table";
import { Yuan } from "~/modules/kernel/money";
import { formatNumber, formatPercent } from "~/utils/format";
import type { UpwardReport } from "../upward.server";

type VisitRow = UpwardReport["visits"][number];
type ContractRow = UpwardReport["contracts"]["rows"][number];
type OrganizationRow = UpwardReport["organizations"]["rows"][number];

function useSection() {
  const { t, i18n } = useTranslation(["reports", "visitTools", "common"]);
  const lng = i18n.language;
  return { t, lng, n: (v: number) => formatNumber(v, lng) };
}

export function UpwardVisits({ report }: { report: UpwardReport }) {
  const { t, lng, n } = useSection();
  // A county's own report: its one county row would repeat the total.
  const counties = new Set(report.visits.filter((r) => r.level === "county").map((r) => r.name));
  const shown = report.visits.filter(
    (r) => r.level === "total" || (r.level === "county" && counties.size > 1),
  );
  const columns: Column<VisitRow>[] = [
    { key: "month", label: t("xlsx.month"), title: true, cell: (r) => r.month },
    {
      key: "unit",
      label: t("upward.col.unit"),
      cell: (r) => (r.level === "total" ? t("review.total") : r.name),
    },
    {
      key: "due",
      label: t("visitTools:stats.peopleDue"),
      num: true,
      figure: "peopleDue",
      cell: (r) => n(r.peopleDue),
    },
    {
      key: "visited",
      label: t("visitTools:stats.peopleVisited"),
      num: true,
      figure: "peopleVisited",
      cell: (r) => n(r.peopleVisited),
    },
    {
      key: "rate",
      label: t("visitTools:stats.monthlyRate"),
      num: true,
      figure: "monthlyRate",
      cell: (r) => formatPercent(r.monthlyRate, lng),
    },
    {
      key: "onTime",
      label: t("visitTools:stats.onTimeRate"),
      num: true,
      cell: (r) => formatPercent(r.onTimeRate, lng),
    },
    {
      key: "seen",
      label: t("upward.col.visitsSeen"),
      num: true,
      figure: "visitsSeen",
      to: (r) => r.link,
      cell: (r) => n(r.visitsSeen),
    },
  ];
  return (
    <section className="report__section">
      <h2>{t("upward.visitsTitle")}</h2>
      <p className="muted small">{t("upward.visitsNote")}</p>
      <CardTable
        testId="upward-visits"
        columns={columns}
        rows={shown}
        rowKey={(r) => `${r.month}-${r.level}-${r.name}`}
        rowProps={(r) => ({
          className: r.level === "total" ? "report__total" : undefined,
          "data-month": r.month,
          "data-level": r.level,
        })}
      />
    </section>
  );
}

export function UpwardContracts({ report }: { report: UpwardReport }) {
  const { t, n } = useSection();
  const { rows, total } = report.contracts;
  const columns: Column<ContractRow>[] = [
    {
      key: "code",
      label: t("upward.col.code"),
      title: true,
      to: (c) => c.reportLink,
      cell: (c) => c.code,
      total: t("upward.contractCount", { count: total.contracts }),
    },
    { key: "organization", label: t("upward.col.organization"), cell: (c) => c.organizationName },
    { key: "subject", label: t("upward.col.subject"), cell: (c) => c.subjectName },
    {
      key: "status",
      label: t("upward.col.status"),
      cell: (c) => t(`common:enum.contractStatus.${c.status}`),
    },
    {
      key: "amount",
      label: t("upward.col.amount"),
      num: true,
      cell: (c) => <Yuan fen={c.amountFen} />,
      total: <Yuan fen={total.amountFen} />,
      totalFigure: "amount",
    },
    {
      key: "spent",
      label: t("review.col.spent"),
      num: true,
      to: (c) => c.spentLink,
      cell: (c) => <Yuan fen={c.spentFen} />,
      total: <Yuan fen={total.spentFen} />,
      totalFigure: "spent",
    },
    {
      key: "activities",
      label: t("review.col.activities"),
      num: true,
      to: (c) => c.activitiesLink,
      cell: (c) => n(c.activities),
      total: n(total.activities),
      totalFigure: "activities",
    },
    {
      key: "personTimes",
      label: t("review.col.personTimes"),
      num: true,
      cell: (c) => n(c.personTimes),
      total: n(total.personTimes),
      totalFigure: "personTimes",
    },
  ];
  return (
    <section className="report__section">
      <h2>{t("upward.contractsTitle")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("common:table.empty")}</p>
      ) : (
        <CardTable
          testId="upward-contracts"
          columns={columns}
          rows={rows}
          rowKey={(c) => c.id}
          totalRow={{ className: "report__total", "data-testid": "upward-contracts-total" }}
        />
      )}
    </section>
  );
}

export function UpwardOrganizations({ report }: { report: UpwardReport }) {
  const { t, n } = useSection();
  const { rows, total, links } = report.organizations;
  const yesNo = (v: boolean) => (v ? t("rows.yes") : t("rows.no"));
  const columns: Column<OrganizationRow>[] = [
    {
      key: "organization",
      label: t("upward.col.organization"),
      title: true,
      to: (o) => o.link,
      cell: (o) => o.name,
    },
    { key: "registeredHere", label: t("upward.col.registeredHere"), cell: (o) => yesNo(o.registeredHere) },
    { key: "partyBranch", label: t("rows.col.partyBranch"), cell: (o) => yesNo(o.partyBranch) },
    { key: "contracts", label: t("upward.col.contracts"), num: true, cell: (o) => n(o.contracts) },
    { key: "amount", label: t("upward.col.amount"), num: true, cell: (o) => <Yuan fen={o.contractFen} /> },
    { key: "activities", label: t("review.col.activities"), num: true, cell: (o) => n(o.activities) },
    { key: "personTimes", label: t("review.col.personTimes"), num: true, cell: (o) => n(o.personTimes) },
  ];
  const facts = [
    {
      figure: "registered",
      label: t("review.orgsRegistered"),
      value: total.registered,
      to: links.registered,
    },
    {
      figure: "withBranch",
      label: t("review.orgsWithBranch"),
      value: total.withBranch,
      to: links.withBranch,
    },
    {
      figure: "contracted",
      label: t("review.orgsContracted"),
      value: total.contracted,
      to: links.contracted,
    },
  ];
  return (
    <section className="report__section">
      <h2>{t("upward.organizationsTitle")}</h2>
      <dl className="facts report__facts" data-testid="upward-organization-facts">
        {facts.map((f) => (
          <Fragment key={f.figure}>
            <dt>{f.label}</dt>
            <dd data-figure={f.figure}>
              <Link to={f.to}>{n(f.value)}</Link>
            </dd>
          </Fragment>
        ))}
      </dl>
      {rows.length === 0 ? null : (
        <CardTable testId="upward-organizations" columns={columns} rows={rows} rowKey={(o) => o.id} />
      )}
    </section>
  );
}
