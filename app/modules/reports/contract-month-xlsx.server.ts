// The monthly contract report as a workbook: the month's figures and the deliverables to date (with links to the
// rows behind each), the month's activities by kind, and its spending by category — the page's figures.
import type { TFunction } from "i18next";
import { yuanAmount } from "~/utils/format";
import type { LinkCell, Sheet } from "~/utils/xlsx.server";
import type { contractMonthReport, findReportContract } from "./contract-month.server";
import { contractReportLinks } from "./rows-link";

type Report = Awaited<ReturnType<typeof contractMonthReport>>;
type Contract = NonNullable<Awaited<ReturnType<typeof findReportContract>>>;

export function contractMonthSheets(
  contract: Contract,
  report: Report,
  t: TFunction,
  origin: string,
): Sheet[] {
  const link = (path: string): LinkCell => ({ text: `${origin}${path}`, hyperlink: `${origin}${path}` });
  const { rows, activities } = contractReportLinks(contract.id, report.range, report.asOf);
  const yuan = `(${t("common:units.yuan")})`;
  const p = report.progress;
  const m = report.month_;
  return [
    {
      name: t("reports:monthly.thisMonth"),
      header: [t("reports:xlsx.figure"), t("reports:xlsx.value"), t("reports:upward.col.rows")],
      rows: [
        [t("reports:monthly.contract"), `${contract.code} ${contract.title}`, ""],
        [t("reports:upward.col.organization"), contract.organizationName, ""],
        [t("reports:upward.col.subject"), contract.subjectName, ""],
        [t("reports:monthly.month"), report.month, ""],
        [t("reports:review.col.activities"), m.activities, link(activities("month"))],
        [t("reports:review.col.personTimes"), m.personTimes, link(activities("month"))],
        [t("reports:monthly.participants"), m.participants, link(activities("month"))],
        [t("reports:monthly.peopleServed"), m.people, link(rows("contractPeople", "month"))],
        [
          `${t("reports:monthly.spent")} ${yuan}`,
          yuanAmount(report.spentFen),
          link(rows("expenditures", "month")),
        ],
        ...(p
          ? [
              [t("reports:upward.activitiesToDate"), p.activities.done, link(activities("soFar"))],
              [t("reports:upward.activitiesExpected"), p.activities.expected, ""],
              [t("reports:upward.personTimesToDate"), p.personTimes.done, link(activities("soFar"))],
              [t("reports:upward.personTimesExpected"), p.personTimes.expected, ""],
              [t("reports:monthly.peopleServedTotal"), p.peopleServed, link(rows("contractPeople", "soFar"))],
              [t("reports:monthly.homeVisits"), p.homeVisits.done, link(rows("contractHomeVisits", "soFar"))],
              [
                `${t("reports:monthly.allocated")} ${yuan}`,
                yuanAmount(p.money.allocatedFen),
                link(rows("contractAllocations", "soFar")),
              ],
              [
                `${t("reports:monthly.spentTotal")} ${yuan}`,
                yuanAmount(p.money.spentFen),
                link(rows("expenditures", "soFar")),
              ],
            ]
          : []),
      ],
      columnWidths: [30, 36, 60],
    },
    {
      name: t("reports:monthly.byKind"),
      header: [
        t("reports:review.col.activityKind"),
        t("reports:review.col.activities"),
        t("reports:review.col.personTimes"),
      ],
      rows: report.byKind.map((r) => [t(`common:enum.activityKind.${r.kind}`), r.activities, r.personTimes]),
    },
    {
      name: t("reports:monthly.spending"),
      header: [
        t("reports:monthly.category"),
        `${t("reports:monthly.amount")} ${yuan}`,
        t("reports:upward.col.rows"),
      ],
      rows: [
        ...report.spending.map((r) => [
          t(`common:enum.expenditureCategory.${r.category}`),
          yuanAmount(r.fen),
          link(rows("expenditures", "month", { category: r.category })),
        ]),
        [t("reports:review.total"), yuanAmount(report.spentFen), link(rows("expenditures", "month"))],
      ],
      columnWidths: [24, 16, 60],
    },
  ];
}
