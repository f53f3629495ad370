// The dashboard tables as spreadsheets: yuan as numbers with two decimals, 执行率 as a percentage number, so a
// bureau can sum and sort in Excel. One sheet per table in XLSX; one table per file in CSV.
import type { TFunction } from "i18next";
import { yuanAmount } from "~/utils/format";
import type { Sheet } from "~/utils/xlsx.server";
import type { BudgetFigures } from "./figures";

export const budgetTables = ["sources", "counties", "contracts"] as const;
export type BudgetTable = (typeof budgetTables)[number];

const percent = (rate: number | null) => (rate == null ? null : Math.round(rate * 1000) / 10);

export function budgetSheets(figures: BudgetFigures, t: TFunction): Record<BudgetTable, Sheet> {
  const money = [
    t("budget:export.allocatedYuan"),
    t("budget:export.spentYuan"),
    t("budget:export.ratePercent"),
  ];
  return {
    sources: {
      name: t("budget:tables.sources"),
      header: [
        t("budget:export.source"),
        t("budget:export.kind"),
        t("budget:export.donorProvince"),
        t("budget:export.totalYuan"),
        ...money,
        t("budget:export.leftYuan"),
        t("budget:export.contracts"),
      ],
      rows: figures.sources.map((s) => [
        s.id === null ? t("budget:unallocated") : s.name,
        s.kind ? t(`common:enum.fundingSourceKind.${s.kind}`) : "",
        s.donorProvince ?? "",
        yuanAmount(s.totalFen),
        yuanAmount(s.allocatedFen),
        yuanAmount(s.spentFen),
        percent(s.rate),
        yuanAmount(s.leftFen),
        s.contracts,
      ]),
      columnWidths: [44, 14, 12, 16, 16, 16, 12, 16, 10],
    },
    counties: {
      name: t("budget:tables.counties"),
      header: [
        t("budget:export.county"),
        t("budget:export.contracts"),
        t("budget:export.amountYuan"),
        ...money,
        t("budget:export.overspent"),
        t("budget:export.lagging"),
      ],
      rows: figures.counties.map((c) => [
        c.prefectureLevel ? t("budget:prefectureLevel", { name: c.name }) : c.name,
        c.contracts,
        yuanAmount(c.amountFen),
        yuanAmount(c.allocatedFen),
        yuanAmount(c.spentFen),
        percent(c.rate),
        c.overspent,
        c.lagging,
      ]),
      columnWidths: [22, 10, 16, 16, 16, 12, 10, 10],
    },
    contracts: {
      name: t("budget:tables.contracts"),
      header: [
        t("budget:export.code"),
        t("budget:export.contract"),
        t("budget:export.organization"),
        t("budget:export.county"),
        t("budget:export.status"),
        t("budget:export.period"),
        t("budget:export.amountYuan"),
        ...money,
        t("budget:export.periodLeftPercent"),
        t("budget:export.flags"),
      ],
      rows: figures.contracts.map((c) => [
        c.code,
        c.title,
        c.organizationName,
        c.countyName,
        t(`common:enum.contractStatus.${c.status}`),
        `${c.startsOn} – ${c.endsOn}`,
        yuanAmount(c.amountFen),
        yuanAmount(c.allocatedFen),
        yuanAmount(c.spentFen),
        percent(c.rate),
        percent(c.periodLeftShare),
        c.flags.map((f) => t(`budget:flags.${f}`)).join("、"),
      ]),
      columnWidths: [20, 40, 30, 12, 10, 24, 14, 14, 14, 10, 12, 16],
    },
  };
}
