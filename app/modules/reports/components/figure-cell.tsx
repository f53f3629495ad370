// A number in a report's table that links to the rows behind it (a header cell in a totals row).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/format";

export function FigureCell({ to, children, total }: { to: string; children: ReactNode; total?: boolean }) {
  const Cell = total ? "th" : "td";
  return (
    <Cell className="num">
      <Link to={to}>{children}</Link>
    </Cell>
  );
}

/**
 * Activities and person-times by one thing (an activity kind, a project), each figure linking to the activities
 * behind it; a line saying there are none when there are none.
 */
export function ActivityCountsTable({
  label,
  rows,
  caption,
  testId,
}: {
  /** The first column's heading. */
  label: string;
  rows: readonly {
    key: string | number;
    name: ReactNode;
    to: string;
    activities: number;
    personTimes: number;
  }[];
  caption?: string;
  testId?: string;
}) {
  const { t, i18n } = useTranslation(["reports", "common"]);
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <table className="table" data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th>{label}</th>
          <th className="num">{t("review.col.activities")}</th>
          <th className="num">{t("review.col.personTimes")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="muted">
              {t("common:table.empty")}
            </td>
          </tr>
        ) : null}
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.name}</td>
            <FigureCell to={r.to}>{n(r.activities)}</FigureCell>
            <FigureCell to={r.to}>{n(r.personTimes)}</FigureCell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
