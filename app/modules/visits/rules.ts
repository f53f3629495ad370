// Visiting policy: cadence by risk tier and by category. For each subject (one tier, one category) the rule of the
// most specific region wins, so a county can tighten or loosen its own policy; across subjects the shortest
// applicable interval wins. Pure and client-safe.

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

/** Used when no rule at all applies (a policy with its tier rules removed): never let a person drop off the schedule. */
export const FALLBACK_INTERVAL_DAYS = 90;

/** After a major event (fire, illness, a death in the family) the person is visited within this many hours. */
export const EVENT_VISIT_WITHIN_HOURS = 24;

export type AppliedRule = VisitRule & { subject: string };

/**
 * The rules that set a person's cadence: one per subject (their tier, each of their categories), the most
 * specific region's rule for that subject. `regionIds` are the person's village and its ancestors, most specific first.
 */
export function applicableVisitRules(
  person: { categories: readonly string[]; riskTier: string; regionIds: readonly number[] },
  rules: readonly VisitRule[],
): AppliedRule[] {
  const depth = (rule: VisitRule) => {
    if (rule.regionId === null) return person.regionIds.length;
    const i = person.regionIds.indexOf(rule.regionId);
    return i === -1 ? -1 : i;
  };
  const best = new Map<string, { rule: VisitRule; depth: number }>();
  for (const rule of rules) {
    const d = depth(rule);
    if (d === -1) continue;
    const applies =
      rule.category !== null ? person.categories.includes(rule.category) : rule.riskTier === person.riskTier;
    if (!applies) continue;
    const subject = rule.category !== null ? `category:${rule.category}` : `tier:${rule.riskTier}`;
    const current = best.get(subject);
    if (!current || d < current.depth) best.set(subject, { rule, depth: d });
  }
  return [...best.entries()].map(([subject, { rule }]) => ({ ...rule, subject }));
}

/**
 * Days between routine visits for one person, or null when no rule applies.
 * `regionIds` are the person's village and all its ancestors (most specific first).
 */
export function visitIntervalDays(
  person: { categories: readonly string[]; riskTier: string; regionIds: readonly number[] },
  rules: readonly VisitRule[],
): number | null {
  let shortest: number | null = null;
  for (const rule of applicableVisitRules(person, rules)) {
    if (shortest === null || rule.intervalDays < shortest) shortest = rule.intervalDays;
  }
  return shortest;
}
