// Report charts (recharts), rendered in the browser only. Fixed drawing sizes scaled by CSS, so the same SVG
// fits a phone, a desktop and an A4 page without waiting for a resize.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

const kindColours: Record<string, string> = {
  group_activity: "#0f6e66",
  home_visit: "#1d5fa8",
  counselling: "#8a5cb8",
  tutoring: "#d38a1a",
  health_check: "#2e9b5f",
  training: "#6b7c87",
  policy_publicity: "#b0563c",
  festival_event: "#c7a008",
  other: "#9aa6ae",
};

const axis = { fontSize: 12, fill: "#5f6f7a" };
const W = 720;

export type MonthKindDatum = { month: string } & Record<string, number | string>;

export function MonthlyByKindChart({
  data,
  kinds,
  labels,
}: {
  data: MonthKindDatum[];
  kinds: string[];
  labels: Record<string, string>;
}) {
  return (
    <BarChart width={W} height={280} data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e9ec" />
      <XAxis dataKey="month" tick={axis} />
      <YAxis tick={axis} allowDecimals={false} width={40} />
      <Tooltip />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {kinds.map((k) => (
        <Bar
          key={k}
          dataKey={k}
          name={labels[k] ?? k}
          stackId="kinds"
          fill={kindColours[k] ?? "#9aa6ae"}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}

export function PersonTimesByFacilityChart({
  data,
  label,
}: {
  data: { name: string; personTimes: number }[];
  label: string;
}) {
  const height = Math.max(160, 28 * data.length + 40);
  return (
    <BarChart
      width={W}
      height={height}
      data={data}
      layout="vertical"
      margin={{ top: 4, right: 24, left: 8, bottom: 4 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e4e9ec" />
      <XAxis type="number" tick={axis} allowDecimals={false} />
      <YAxis type="category" dataKey="name" tick={{ ...axis, fontSize: 11 }} width={210} />
      <Tooltip />
      <Bar dataKey="personTimes" name={label} fill="#0f6e66" isAnimationActive={false} />
    </BarChart>
  );
}

export function TrendChart({
  data,
  labels,
}: {
  data: { month: string; activities: number; personTimes: number }[];
  labels: { activities: string; personTimes: string };
}) {
  return (
    <LineChart width={W} height={260} data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e4e9ec" />
      <XAxis dataKey="month" tick={axis} />
      <YAxis yAxisId="left" tick={axis} allowDecimals={false} width={40} />
      <YAxis yAxisId="right" orientation="right" tick={axis} allowDecimals={false} width={50} />
      <Tooltip />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Line
        yAxisId="left"
        type="monotone"
        dataKey="activities"
        name={labels.activities}
        stroke="#1d5fa8"
        strokeWidth={2}
        isAnimationActive={false}
      />
      <Line
        yAxisId="right"
        type="monotone"
        dataKey="personTimes"
        name={labels.personTimes}
        stroke="#0f6e66"
        strokeWidth={2}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
