// This year beside the last: one row per headline figure of the year in review, with the difference (and the change
// in per cent for counts and money). On a phone each row is a card.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { formatNumber, formatPercent, formatWan } from "~/utils/format";
import type { FigureFormat, YearOnYear } from "../year-on-year.server";

const reviewHref = (year: number, region: string) => `/reports/year-in-review?year=${year}&region=${region}`;

export function YearOnYearTable({ comparison }: { comparison: YearOnYear }) {
  const { t, i18n } = useTranslation(["reports", "common"]);
  const lng = i18n.language;
  const { thisYear, lastYear, region } = comparison;
  const value = (v: number | null, format: FigureFormat) =>
    format === "fen" ? formatWan(v, lng) : format === "share" ? formatPercent(v, lng) : formatNumber(v, lng);
  const signed = (v: number | null, text: string) => (v != null && v > 0 ? `+${text}` : text);
  const difference = (v: number | null, format: FigureFormat) =>
    v == null
      ? "—"
      : format === "share"
        ? signed(v, t("yoy.points", { n: formatNumber(v * 100, lng, 1) }))
        : signed(v, value(v, format));
  const thisLabel = thisYear.complete
    ? String(thisYear.year)
    : t("yoy.partialYear", { year: thisYear.year, date: thisYear.asOf.slice(5) });
  return (
    <ListTable
      cards
      testId="year-on-year"
      head={
        <>
          <th>{t("yoy.figure")}</th>
          <th className="num">
            <Link to={reviewHref(thisYear.year, region.code)}>{thisLabel}</Link>
          </th>
          <th className="num">
            <Link to={reviewHref(lastYear.year, region.code)}>{lastYear.year}</Link>
          </th>
          <th className="num">{t("yoy.difference")}</th>
          <th className="num">{t("yoy.change")}</th>
        </>
      }
    >
      {comparison.rows.map((r) => (
        <tr key={r.key} data-figure={r.key}>
          <td className="cell--title">{t(`yoy.figures.${r.key}`)}</td>
          <td className="num" data-label={String(thisYear.year)} data-testid={`yoy-this-${r.key}`}>
            {value(r.thisYear, r.format)}
          </td>
          <td className="num" data-label={String(lastYear.year)} data-testid={`yoy-last-${r.key}`}>
            {value(r.lastYear, r.format)}
          </td>
          <td
            className={`num${r.difference != null && r.difference < 0 ? " text-bad" : ""}`}
            data-label={t("yoy.difference")}
            data-testid={`yoy-diff-${r.key}`}
          >
            {difference(r.difference, r.format)}
          </td>
          <td className="num" data-label={t("yoy.change")}>
            {r.change == null ? "—" : signed(r.change, formatPercent(r.change, lng))}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
