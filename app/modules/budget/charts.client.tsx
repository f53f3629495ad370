// The budget charts (recharts), loaded lazily in the browser only: allocated vs spent per county, and the burn of
// the year's money month by month against an even pace. The tables on the page carry the same numbers.
import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatWan, wanAxisUnit } from "~/utils/format";

export type ChartData = {
  counties: { name: string; allocatedFen: number; spentFen: number }[];
  months: { month: string; spentFen: number | null; paceFen: number }[];
  /** The current month, when the chart shows the current year. */
  asOfMonth: string | null;
};

const wan = (fen: number | null) => (fen == null ? null : Math.round(fen / 100) / 10000);

const colors = { allocated: "#9cc9c3", spent: "#0f6e66", pace: "#9a5b00" };

export default function BudgetCharts({ data }: { data: ChartData }) {
  const { t, i18n } = useTranslation("budget");
  const lang = i18n.language;
  const money = (value: unknown) => formatWan(Number(value) * 100 * 10000, lang);
  const counties = data.counties.map((c) => ({
    name: c.name,
    allocated: wan(c.allocatedFen),
    spent: wan(c.spentFen),
  }));
  const months = data.months.map((m) => ({
    month: m.month.slice(5),
    spent: wan(m.spentFen),
    pace: wan(m.paceFen),
  }));
  return (
    <div className="grid-2 budget-charts" data-testid="budget-charts">
      <figure className="card chart">
        <figcaption>{t("charts.byCounty")}</figcaption>
        <ResponsiveContainer width="100%" height={Math.max(220, counties.length * 34 + 60)}>
          <BarChart data={counties} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={(v) => String(v)} unit={wanAxisUnit(lang)} />
            <YAxis type="category" dataKey="name" width={140} />
            <Tooltip formatter={money} />
            <Legend />
            <Bar
              dataKey="allocated"
              name={t("charts.allocated")}
              fill={colors.allocated}
              isAnimationActive={false}
            />
            <Bar dataKey="spent" name={t("charts.spent")} fill={colors.spent} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="card chart">
        <figcaption>{t("charts.burn")}</figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={months} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis unit={wanAxisUnit(lang)} />
            <Tooltip formatter={money} />
            <Legend />
            {data.asOfMonth ? (
              <ReferenceLine
                x={data.asOfMonth.slice(5)}
                stroke="#5f6f7a"
                strokeDasharray="4 4"
                label={t("charts.today")}
              />
            ) : null}
            <Line
              type="monotone"
              dataKey="pace"
              name={t("charts.pace")}
              stroke={colors.pace}
              strokeDasharray="5 5"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="spent"
              name={t("charts.cumulativeSpent")}
              stroke={colors.spent}
              strokeWidth={2}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
