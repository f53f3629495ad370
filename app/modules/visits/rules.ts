// Visiting policy: cadence by risk tier and by category; the shortest applicable interval wins. Pure and client-safe.

export type VisitRule = {
  /** null: applies everywhere; otherwise only to people living in this region or below it. */
  regionId: number | null;
  category: string | null;
  riskTier: string | null;
  intervalDays: number;
};

/** The policy in force when nobody has edited it: high-risk weekly, key people monthly, others quarterly. */
export const defaultVisitRules: Omit<VisitRule, "regionId">[] = [
  { category: null, riskTier: "high", intervalDays: 7 },
  { category: null, riskTier: "key", intervalDays: 30 },
  { category: null, riskTier: "normal", intervalDays: 90 },
  // 回访制度 for dispersed-support extremely poor persons, and children in the one-person-one-file registers.
  { category: "tekun_dispersed", riskTier: null, intervalDays: 30 },
  { category: "orphan", riskTier: null, intervalDays: 30 },
  { category: "unsupported_child", riskTier: null, intervalDays: 30 },
  { category: "left_behind_child", riskTier: null, intervalDays: 30 },
  { category: "distressed_child", riskTier: null, intervalDays: 30 },
  { category: "severely_disabled", riskTier: null, intervalDays: 30 },
  { category: "disabled_elderly", riskTier: null, intervalDays: 30 },
];

/**
 * Days between routine visits for one person, or null when no rule applies.
 * `regionIds` are the person's village and all its ancestors.
 */
export function visitIntervalDays(
  person: { categories: readonly string[]; riskTier: string; regionIds: readonly number[] },
  rules: readonly VisitRule[],
): number | null {
  let shortest: number | null = null;
  for (const rule of rules) {
    if (rule.regionId !== null && !person.regionIds.includes(rule.regionId)) continue;
    const applies =
      rule.category !== null ? person.categories.includes(rule.category) : rule.riskTier === person.riskTier;
    if (applies && (shortest === null || rule.intervalDays < shortest)) shortest = rule.intervalDays;
  }
  return shortest;
}
