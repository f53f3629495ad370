// Charts load in the browser only (recharts is heavy and measures the DOM); the server renders a placeholder
// of the same height, and the data tables below each chart carry the same figures for printing without scripts.
import { lazy, type ReactNode, Suspense } from "react";
import { useHydrated } from "~/components/ui/use-hydrated";

export const LazyMonthlyByKindChart = lazy(() =>
  import("./charts.client").then((m) => ({ default: m.MonthlyByKindChart })),
);
export const LazyPersonTimesByFacilityChart = lazy(() =>
  import("./charts.client").then((m) => ({ default: m.PersonTimesByFacilityChart })),
);
export const LazyTrendChart = lazy(() => import("./charts.client").then((m) => ({ default: m.TrendChart })));

export function ChartFrame({
  title,
  height,
  children,
}: {
  title: string;
  height: number;
  children: ReactNode;
}) {
  const hydrated = useHydrated();
  const placeholder = (
    <div className="chart__placeholder" style={{ aspectRatio: `720 / ${height}` }} aria-hidden="true" />
  );
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart__body" role="img" aria-label={title}>
        {hydrated ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}
      </div>
    </figure>
  );
}
