// The monthly report of one contract: deliverables against what is done (to the month's end), the month's
// activities, person-times and people served, and what was spent in the month by category.
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ActivityKind } from "#db/schema";
import { activities, activityPeople, careProjects, contracts, facilities } from "#db/schema";
import { contractsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { deliverableProgress } from "~/modules/contracts/progress.server";
import { contractHeading, withParties } from "~/modules/contracts/summaries.server";
import { fenTotal, spendingByCategory } from "~/modules/funding/sums.server";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { isMonthKey, monthRange } from "~/utils/months";
import { literalNe } from "~/utils/sql-literals";

const ap = alias(activityPeople, "ap");
const a2 = alias(activities, "a2");

export async function findReportContract(user: SessionUser, id: number) {
  const [row] = await withParties(
    db
      .select({ ...contractHeading, amountFen: contracts.amountFen, deliverables: contracts.deliverables })
      .from(contracts)
      .$dynamic(),
  ).where(and(eq(contracts.id, id), contractsInScope(user)));
  return row ?? null;
}

/** Contracts in scope that have left draft, for the report picker. */
export async function reportContractChoices(user: SessionUser) {
  return db
    .select({
      id: contracts.id,
      code: contracts.code,
      subjectName: sql<string>`coalesce(${facilities.name}, ${careProjects.name})`,
      startsOn: contracts.startsOn,
      endsOn: contracts.endsOn,
    })
    .from(contracts)
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .where(and(literalNe(contracts.status, "draft"), contractsInScope(user)))
    .orderBy(sql`${contracts.endsOn} desc`, asc(contracts.code));
}

/** The month a report shows: the one asked for, else this month (or the contract's last, once it has ended). */
export function reportMonthOf(
  contract: { endsOn: string },
  asked: string | null,
  today = todayInShanghai(),
): string {
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compare as text, not numbers.
  return isMonthKey(asked) ? asked : (today < contract.endsOn ? today : contract.endsOn).slice(0, 7);
}

/** A contract's month in figures: activities, participants, person-times, hours and distinct people. */
export type MonthTotals = {
  activities: number;
  participants: number;
  personTimes: number;
  hours: number;
  people: number;
};

export async function contractMonthReport({ contractId, month }: { contractId: number; month: string }) {
  const range = monthRange(month);
  const today = todayInShanghai();
  const asOf = range.end < today ? range.end : today;
  const [progress, totals, byKind, spending] = await Promise.all([
    deliverableProgress([contractId], { asOf }),
    queryRows<MonthTotals>(
      db,
      sql`select count(*)::int as activities, coalesce(sum(${activities.participants}), 0)::int as participants,
            coalesce(sum(${activities.personTimes}), 0)::int as "personTimes",
            coalesce(sum(${activities.hours}), 0)::float8 as hours,
            (select count(distinct ${ap.personId}) from ${activityPeople} ${ap} join ${activities} ${a2} on ${a2.id} = ${ap.activityId}
             where ${a2.contractId} = ${contractId} and ${a2.deletedAt} is null
               and ${a2.occurredOn} between ${range.start} and ${range.end})::int as people
          from ${activities} where ${activities.contractId} = ${contractId} and ${activities.deletedAt} is null
            and ${activities.occurredOn} between ${range.start} and ${range.end}`,
    ),
    queryRows<{ kind: ActivityKind; activities: number; personTimes: number }>(
      db,
      sql`select ${activities.kind}, count(*)::int as activities, sum(${activities.personTimes})::int as "personTimes"
          from ${activities}
          where ${activities.contractId} = ${contractId} and ${activities.deletedAt} is null
            and ${activities.occurredOn} between ${range.start} and ${range.end}
          group by ${activities.kind} order by 2 desc`,
    ),
    spendingByCategory(contractId, { from: range.start, to: range.end }),
  ]);
  return {
    month,
    range,
    asOf,
    progress: progress.get(contractId) ?? null,
    month_: totals[0],
    byKind,
    spending,
    spentFen: fenTotal(spending),
  };
}
