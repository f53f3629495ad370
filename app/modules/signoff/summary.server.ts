// A contract month's figures, as the organization submits them and as the review page compares them with now:
// activities, person-times, participants, home visits (once per person linked), people served, money spent.
import { and, between, eq, isNull, sql } from "drizzle-orm";
import { activities, activityPeople, expenditures, type MonthSummary } from "#db/schema";
import type { DbOrTx } from "~/utils/db.server";
import { monthRange } from "~/utils/months";

export async function monthSummary(db: DbOrTx, contractId: number, month: string): Promise<MonthSummary> {
  const { start, end } = monthRange(month);
  const live = and(
    eq(activities.contractId, contractId),
    isNull(activities.deletedAt),
    between(activities.occurredOn, start, end),
  );
  const [[totals], [linked], [spent]] = await Promise.all([
    db
      .select({
        activities: sql<number>`count(*)::int`,
        personTimes: sql<number>`coalesce(sum(${activities.personTimes}), 0)::int`,
        participants: sql<number>`coalesce(sum(${activities.participants}), 0)::int`,
      })
      .from(activities)
      .where(live),
    db
      .select({
        homeVisits: sql<number>`count(*) filter (where ${activities.kind} = 'home_visit')::int`,
        peopleServed: sql<number>`count(distinct ${activityPeople.personId})::int`,
      })
      .from(activityPeople)
      .innerJoin(activities, eq(activities.id, activityPeople.activityId))
      .where(live),
    db
      .select({ fen: sql<number>`coalesce(sum(${expenditures.amountFen}), 0)::float8` })
      .from(expenditures)
      .where(and(eq(expenditures.contractId, contractId), between(expenditures.spentOn, start, end))),
  ]);
  return { ...totals, ...linked, spentFen: Number(spent.fen) };
}
