// The upward report as tables: one per section (visits by month and unit, contracts, organizations), each with a
// total row and a last column linking to the rows behind the figures. The XLSX has the three as sheets; the CSV one
// table at a time. Numbers stay numbers, money in yuan, rates as fractions (formatted as percentages by the reader).
import type { TFunction } from "i18next";
import { yuanAmount } from "~/utils/format";
import type { LinkCell, Sheet } from "~/utils/xlsx.server";
import type { UpwardReport } from "./upward.server";

export const upwardTables = ["visits", "contracts", "organizations"] as const;
export type UpwardTable = (typeof upwardTables)[number];

export const isUpwardTable = (value: string): value is UpwardTable =>
  (upwardTables as readonly string[]).includes(value);

const rate = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 10000);

/** Each section as a sheet; `origin` makes the links absolute, as a spreadsheet needs them. */
export function upwardSheets(report: UpwardReport, t: TFunction, origin: string): Record<UpwardTable, Sheet> {
  const link = (path: string): LinkCell => ({ text: `${origin}${path}`, hyperlink: `${origin}${path}` });
  const yuan = `(${t("common:units.yuan")})`;
  // A total of the organizations sheet that counts organizations only; the columns between stay empty.
  const organizationCount = (label: string, value: number, path: string) => [
    label,
    value,
    ...Array<string>(7).fill(""),
    link(path),
  ];
  const { contracts, organizations } = report;
  return {
    visits: {
      name: t("reports:upward.visitsTitle"),
      header: [
        t("reports:xlsx.month"),
        t("reports:upward.col.level"),
        t("reports:upward.col.unit"),
        t("visitTools:stats.peopleDue"),
        t("visitTools:stats.peopleVisited"),
        t("visitTools:stats.monthlyRate"),
        t("visitTools:stats.due"),
        t("reports:upward.col.onTime"),
        t("visitTools:stats.onTimeRate"),
        t("reports:upward.col.visitsSeen"),
        t("reports:upward.col.rows"),
      ],
      rows: report.visits.map((r) => [
        r.month,
        t(`reports:upward.level.${r.level}`),
        r.name,
        r.peopleDue,
        r.peopleVisited,
        rate(r.monthlyRate),
        r.due,
        r.onTime,
        rate(r.onTimeRate),
        r.visitsSeen,
        link(r.link),
      ]),
      columnWidths: [10, 10, 28, 12, 12, 12, 12, 12, 10, 14, 60],
    },
    contracts: {
      name: t("reports:upward.contractsTitle"),
      header: [
        t("reports:upward.col.code"),
        t("reports:upward.col.title"),
        t("reports:upward.col.organization"),
        t("reports:upward.col.subject"),
        t("reports:upward.col.status"),
        t("reports:upward.col.startsOn"),
        t("reports:upward.col.endsOn"),
        `${t("reports:upward.col.amount")} ${yuan}`,
        `${t("reports:review.col.allocated")} ${yuan}`,
        `${t("reports:review.col.spent")} ${yuan}`,
        t("reports:review.col.activities"),
        t("reports:review.col.personTimes"),
        t("reports:upward.col.report"),
        t("reports:upward.col.rows"),
      ],
      rows: [
        ...contracts.rows.map((c) => [
          c.code,
          c.title,
          c.organizationName,
          c.subjectName,
          t(`common:enum.contractStatus.${c.status}`),
          c.startsOn,
          c.endsOn,
          yuanAmount(c.amountFen),
          yuanAmount(c.allocatedFen),
          yuanAmount(c.spentFen),
          c.activities,
          c.personTimes,
          link(c.reportLink),
          link(c.spentLink),
        ]),
        [
          t("reports:review.total"),
          t("reports:upward.contractCount", { count: contracts.total.contracts }),
          "",
          "",
          "",
          "",
          "",
          yuanAmount(contracts.total.amountFen),
          yuanAmount(contracts.total.allocatedFen),
          yuanAmount(contracts.total.spentFen),
          contracts.total.activities,
          contracts.total.personTimes,
          "",
          "",
        ],
      ],
      columnWidths: [18, 36, 28, 24, 10, 12, 12, 14, 14, 14, 10, 10, 50, 60],
    },
    organizations: {
      name: t("reports:upward.organizationsTitle"),
      header: [
        t("reports:upward.col.organization"),
        t("reports:rows.col.creditCode"),
        t("reports:rows.col.registeredOn"),
        t("reports:rows.col.partyBranch"),
        t("reports:upward.col.registeredHere"),
        t("reports:upward.col.contracts"),
        `${t("reports:upward.col.amount")} ${yuan}`,
        t("reports:review.col.activities"),
        t("reports:review.col.personTimes"),
        t("reports:upward.col.rows"),
      ],
      rows: [
        ...organizations.rows.map((o) => [
          o.name,
          o.creditCode,
          o.registeredOn,
          o.partyBranch ? t("reports:rows.yes") : t("reports:rows.no"),
          o.registeredHere ? t("reports:rows.yes") : t("reports:rows.no"),
          o.contracts,
          yuanAmount(o.contractFen),
          o.activities,
          o.personTimes,
          link(o.link),
        ]),
        organizationCount(
          t("reports:review.orgsRegistered"),
          organizations.total.registered,
          organizations.links.registered,
        ),
        organizationCount(
          t("reports:review.orgsWithBranch"),
          organizations.total.withBranch,
          organizations.links.withBranch,
        ),
        [
          t("reports:review.orgsContracted"),
          organizations.total.contracted,
          "",
          "",
          "",
          organizations.total.contracts,
          yuanAmount(organizations.total.contractFen),
          organizations.total.activities,
          organizations.total.personTimes,
          link(organizations.links.contracted),
        ],
      ],
      columnWidths: [36, 22, 12, 10, 10, 10, 14, 10, 10, 60],
    },
  };
}

/** A sheet as CSV rows: a link cell becomes its address. */
export function csvRowsOf(sheet: Sheet): unknown[][] {
  return sheet.rows.map((row) =>
    row.map((cell) =>
      typeof cell === "object" && cell !== null && "hyperlink" in cell ? (cell as LinkCell).hyperlink : cell,
    ),
  );
}
