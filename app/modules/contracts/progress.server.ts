// Deliverables against what the activities and expenditures recorded so far show, for one or many contracts.
// Shared by the contract page, the activity review feed, reports and the "deliverable behind" reminder.
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { ContractDeliverables } from "#db/schema";
import { activities, activityPeople, contracts } from "#db/schema";
import { moneyByContract } from "~/modules/funding/sums.server";
import { addDaysToDate, daysBetween, todayInShanghai } from "~/utils/dates";
import { type DbOrTx, db as defaultDb } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";
import { behindMetrics, type MeasuredMetric } from "./deliverable-status";
import { peopleInCareServed } from "./people-in-care.server";

export type DeliverableProgress = {
  contractId: number;
  asOf: string;
  periodDays: number;
  elapsedDays: number;
  daysLeft: number;
  /** Share of the period gone, 0–1. */
  elapsedShare: number;
  activities: {
    done: number;
    perMonth: number | null;
    /** perMonth × months begun so far. */
    expected: number | null;
    /** Months (begun so far) in which at least perMonth activities were logged. */
    monthsMet: number;
    monthsDue: number;
  };
  personTimes: { done: number; perYear: number | null; expected: number | null };
  homeVisits: {
    /** Visits to people in care: a home-visit activity counts once for each person linked to it. */
    done: number;
    perPersonPerYear: number | null;
    /** The people in care the contract serves (see peopleInCareServed); null without a home-visit target. */
    peopleInCare: number | null;
    /** perPersonPerYear × peopleInCare, prorated to the time elapsed like the person-times. */
    expected: number | null;
  };
  peopleServed: number;
  money: { amountFen: number; allocatedFen: number; spentFen: number };
  /** The measured deliverables below 80% of what is expected by now (deliverable-status.ts), in display order. */
  behindMetrics: MeasuredMetric[];
  /** Whether any is: behindMetrics is not empty. */
  behind: boolean;
};

/** Progress without the money (activityProgress). */
export type ActivityProgress = Omit<DeliverableProgress, "money">;

/** What progress is measured against: a contract's period and targets. */
export type ContractTerms = {
  id: number;
  startsOn: string;
  endsOn: string;
  deliverables: ContractDeliverables;
};

function monthKeys(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const last = end.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(key);
    if (key >= last) break;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

/** The contract's columns activityProgress needs, for a caller that selects its contracts with more. */
export const contractTermsColumns = {
  id: contracts.id,
  startsOn: contracts.startsOn,
  endsOn: contracts.endsOn,
  deliverables: contracts.deliverables,
};

/** Progress and money of each contract: what the contract page, reports and the reminder show. */
export async function deliverableProgress(
  contractIds: number[],
  { asOf = todayInShanghai(), db = defaultDb }: { asOf?: string; db?: DbOrTx } = {},
): Promise<Map<number, DeliverableProgress>> {
  const result = new Map<number, DeliverableProgress>();
  if (contractIds.length === 0) return result;
  const rows: (ContractTerms & { amountFen: number })[] = await db
    .select({ ...contractTermsColumns, amountFen: contracts.amountFen })
    .from(contracts)
    .where(inArray(contracts.id, contractIds));
  const [progress, money] = await Promise.all([
    activityProgress(rows, { asOf, db }),
    moneyByContract(contractIds, { to: asOf }, db),
  ]);
  for (const c of rows) {
    const { behindMetrics, behind, ...measured } = progress.get(c.id)!;
    result.set(c.id, {
      ...measured,
      money: {
        amountFen: c.amountFen,
        allocatedFen: money.get(c.id)?.allocatedFen ?? 0,
        spentFen: money.get(c.id)?.spentFen ?? 0,
      },
      behindMetrics,
      behind,
    });
  }
  return result;
}

/**
 * The deliverables of contracts whose terms the caller has read, without the money: what the activity pages and the
 * home page show, two statements for any number of contracts.
 */
export async function activityProgress(
  rows: ContractTerms[],
  { asOf = todayInShanghai(), db = defaultDb }: { asOf?: string; db?: DbOrTx } = {},
): Promise<Map<number, ActivityProgress>> {
  const result = new Map<number, ActivityProgress>();
  if (rows.length === 0) return result;
  const contractIds = rows.map((c) => c.id);
  // The last day measured: the day before the start (nothing yet), asOf, or the end of a finished period.
  const lastDay = (c: ContractTerms) =>
    asOf < c.startsOn ? addDaysToDate(c.startsOn, -1) : asOf > c.endsOn ? c.endsOn : asOf;
  const liveActivity = and(
    inArray(activities.contractId, contractIds),
    isNull(activities.deletedAt),
    lte(activities.occurredOn, asOf),
  );
  const [monthly, linked, inCare] = await Promise.all([
    db
      .select({
        contractId: activities.contractId,
        month: sql<string>`to_char(${activities.occurredOn}, 'YYYY-MM')`,
        n: sql<number>`count(*)::int`,
        personTimes: sql<number>`coalesce(sum(${activities.personTimes}), 0)::int`,
      })
      .from(activities)
      .where(liveActivity)
      .groupBy(activities.contractId, sql`to_char(${activities.occurredOn}, 'YYYY-MM')`),
    db
      .select({
        contractId: activities.contractId,
        homeVisits: sql<number>`count(*) filter (where ${literalEq(activities.kind, "home_visit")})::int`,
        people: sql<number>`count(distinct ${activityPeople.personId})::int`,
      })
      .from(activityPeople)
      .innerJoin(activities, eq(activities.id, activityPeople.activityId))
      .where(liveActivity)
      .groupBy(activities.contractId),
    peopleInCareServed(
      db,
      rows
        .filter((c) => c.deliverables?.homeVisitsPerPersonPerYear != null)
        .map((c) => ({ contractId: c.id, day: lastDay(c) })),
    ),
  ]);
  for (const c of rows) {
    const periodDays = daysBetween(c.startsOn, c.endsOn) + 1;
    const upTo = lastDay(c);
    const elapsedDays = Math.max(0, daysBetween(c.startsOn, upTo) + 1);
    const months = asOf < c.startsOn ? [] : monthKeys(c.startsOn, upTo);
    const byMonth = new Map(monthly.filter((m) => m.contractId === c.id).map((m) => [m.month, m]));
    const d = c.deliverables ?? {};
    const perMonth = d.activitiesPerMonth ?? null;
    const done = [...byMonth.values()].reduce((s, m) => s + m.n, 0);
    const personTimesDone = [...byMonth.values()].reduce((s, m) => s + m.personTimes, 0);
    const monthsMet = perMonth ? months.filter((m) => (byMonth.get(m)?.n ?? 0) >= perMonth).length : 0;
    const yearShare = Math.min(elapsedDays / 365, periodDays / 365);
    const personTimesExpected = d.personTimesPerYear ? Math.round(d.personTimesPerYear * yearShare) : null;
    const perPerson = d.homeVisitsPerPersonPerYear ?? null;
    const peopleInCare = perPerson === null ? null : (inCare.get(c.id) ?? 0);
    const homeVisitsExpected =
      perPerson === null || peopleInCare === null ? null : Math.round(perPerson * peopleInCare * yearShare);
    const activitiesExpected = perMonth ? perMonth * months.length : null;
    const link = linked.find((l) => l.contractId === c.id);
    const homeVisitsDone = link?.homeVisits ?? 0;
    const behind = behindMetrics({
      activities: { done, expected: activitiesExpected },
      personTimes: { done: personTimesDone, expected: personTimesExpected },
      homeVisits: { done: homeVisitsDone, expected: homeVisitsExpected },
    });
    result.set(c.id, {
      contractId: c.id,
      asOf,
      periodDays,
      elapsedDays,
      daysLeft: Math.max(0, daysBetween(asOf, c.endsOn)),
      elapsedShare: Math.min(1, elapsedDays / periodDays),
      activities: { done, perMonth, expected: activitiesExpected, monthsMet, monthsDue: months.length },
      personTimes: {
        done: personTimesDone,
        perYear: d.personTimesPerYear ?? null,
        expected: personTimesExpected,
      },
      homeVisits: {
        done: homeVisitsDone,
        perPersonPerYear: perPerson,
        peopleInCare,
        expected: homeVisitsExpected,
      },
      peopleServed: link?.people ?? 0,
      behindMetrics: behind,
      behind: behind.length > 0,
    });
  }
  return result;
}
