// What home visits found in a region over a year, for the year in review: structured records, needs found (and the
// most frequent), referrals made and still open, and the visits where the person was not seen, by outcome.
import { sql } from "drizzle-orm";
import { facilities, referrals, regions, visits } from "#db/schema";
import { db, queryRows } from "~/utils/db.server";
import { literalEq } from "~/utils/sql-literals";
import { notSeenVisit, seenVisit } from "./seen.server";

type Period = { start: string; end: string };

export type FieldYear = {
  records: number;
  needsFound: number;
  topNeeds: { need: string; n: number }[];
  referrals: number;
  openReferrals: number;
  notSeen: { outcome: string; n: number }[];
};

/** `prefix`: the region's significant code prefix (stations whose township code starts with it). */
export async function fieldYear({ prefix, period }: { prefix: string; period: Period }): Promise<FieldYear> {
  const inRegion = sql`${visits.stationId} in (select ${facilities.id} from ${facilities}
    join ${regions} on ${regions.id} = ${facilities.townshipId} where ${regions.code} like ${`${prefix}%`})`;
  const doneInYear = sql`(${visits.completedAt} at time zone 'Asia/Shanghai')::date between ${period.start} and ${period.end}`;
  const [[totals], needs, [refs], notSeen] = await Promise.all([
    queryRows<{ records: number; needs: number }>(
      db,
      sql`select count(*)::int as records,
            coalesce(sum(jsonb_array_length(${visits.record}->'needs')), 0)::int as needs
          from ${visits} where ${inRegion} and ${doneInYear} and ${seenVisit()} and ${visits.record} is not null`,
    ),
    queryRows<{ need: string; n: number }>(
      db,
      sql`select need, count(*)::int as n
          from ${visits}, jsonb_array_elements_text(${visits.record}->'needs') as need
          where ${inRegion} and ${doneInYear} and ${seenVisit()} and ${visits.record} is not null
          group by need order by n desc, need limit 5`,
    ),
    queryRows<{ made: number; open: number }>(
      db,
      sql`select count(*)::int as made, count(*) filter (where ${literalEq(referrals.status, "open")})::int as open
          from ${referrals} join ${visits} on ${visits.id} = ${referrals.visitId}
          where ${inRegion} and ${doneInYear}`,
    ),
    queryRows<{ outcome: string; n: number }>(
      db,
      sql`select ${visits.outcome} as outcome, count(*)::int as n from ${visits}
          where ${inRegion} and ${doneInYear} and ${notSeenVisit()} group by 1 order by 1`,
    ),
  ]);
  return {
    records: totals?.records ?? 0,
    needsFound: totals?.needs ?? 0,
    topNeeds: needs,
    referrals: refs?.made ?? 0,
    openReferrals: refs?.open ?? 0,
    notSeen,
  };
}
