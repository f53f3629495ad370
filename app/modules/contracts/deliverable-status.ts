// Whether a contract's deliverable is behind: one rule for each measured metric, used by the contract page, the
// progress cards of the activity feed and the "合同指标滞后" reminder, so a text that says "behind" names exactly
// the metrics that are. Client-safe.

/** A measured metric is behind when less than this share of what is expected by now is done. */
export const BEHIND_BELOW = 0.8;

/** The deliverables judged against time, in the order pages and reminders name them. */
export const measuredMetrics = ["activities", "personTimes", "homeVisits"] as const;
export type MeasuredMetric = (typeof measuredMetrics)[number];

export type MetricFigures = { done: number; expected: number | null };
export type MetricStatus = "unmeasured" | "behind" | "onTrack" | "met";

/** How one metric stands: not measured (no target, or nothing expected yet), behind, on track (≥ 80%), or met. */
export function metricStatus({ done, expected }: MetricFigures): MetricStatus {
  if (expected === null || expected <= 0) return "unmeasured";
  if (done < BEHIND_BELOW * expected) return "behind";
  return done >= expected ? "met" : "onTrack";
}

/** The metrics that are behind, in the order of measuredMetrics (empty when none is). */
export function behindMetrics(figures: Record<MeasuredMetric, MetricFigures>): MeasuredMetric[] {
  return measuredMetrics.filter((m) => metricStatus(figures[m]) === "behind");
}
