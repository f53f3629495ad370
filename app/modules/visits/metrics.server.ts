// How well visits keep to the schedule, per station, township and county: on-time rate, overdue counts, and the
// monthly visit rate (月探访率 = people seen this month ÷ people due this month, target 100%).
// Overdue and on time are overdue.server.ts's: an event visit is late after its exact deadline, any other visit
// once its due date (Asia/Shanghai) is over. Seen is seen.server.ts's: only "visited" and "needs follow-up" count;
// not at home, moved, hospitalised and deceased are counted apart, and a person who moved, was in hospital or died
// (and was not seen) is not due. Needs found and open referrals come from the structured visit records.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { facilities, people, referrals, regions, visits } from "#db/schema";
import { visitsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { countyCodeSql } from "~/modules/regions/code-sql.server";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import { literal, literalEq } from "~/utils/sql-literals";
import { onTimeVisit, overdueVisit } from "./overdue.server";
import { seenVisit, unavailableVisit } from "./seen.server";

export type VisitMetricRow = {
  key: string;
  level: "station" | "township" | "county";
  name: string;
  parentKey: string | null;
  /** Visits due in the month up to today (not cancelled). */
  due: number;
  onTime: number;
  onTimeRate: number | null;
  /** Open visits overdue now: past the deadline of an event visit, or past the due date. */
  overdue: number;
  peopleDue: number;
  peopleVisited: number;
  monthlyRate: number | null;
  /** Recorded this month without seeing the person, by outcome; and people not due because they were unavailable. */
  notHome: number;
  moved: number;
  hospitalised: number;
  deceased: number;
  peopleUnavailable: number;
  /** Needs ticked in this month's structured records of seen visits; referrals still open (any month). */
  needsFound: number;
  openReferrals: number;
};

const apartKeys = [
  "notHome",
  "moved",
  "hospitalised",
  "deceased",
  "peopleUnavailable",
  "needsFound",
  "openReferrals",
] as const;

function monthBounds(month: string) {
  const start = `${month}-01`;
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { start, end: addDaysToDate(next, -1) };
}

type StationRow = {
  station_id: number;
  station_name: string;
  township_code: string;
  township_name: string;
  county_code: string;
  county_name: string | null;
  due: number;
  on_time: number;
  overdue: number;
  people_due: number;
  people_visited: number;
  not_home: number;
  moved: number;
  hospitalised: number;
  deceased: number;
  people_unavailable: number;
  needs_found: number;
  open_referrals: number;
};

const township = alias(regions, "t");
const county = alias(regions, "c");
const cancelled = literal(visits.status, "cancelled");

export async function visitMetrics({
  user,
  month,
  now = new Date(),
}: {
  /** Whose visits: a signed-in user's scope, or a region's (the upward report, reports/upward.server.ts). */
  user: Pick<SessionUser, "scope">;
  month?: string;
  now?: Date;
}): Promise<{ month: string; rows: VisitMetricRow[]; total: VisitMetricRow }> {
  const today = todayInShanghai(now);
  const chosen =
    month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month <= today.slice(0, 7) ? month : today.slice(0, 7);
  const { start, end } = monthBounds(chosen);
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compare as text, not numbers.
  const upTo = end < today ? end : today;
  const stationRows = await queryRows<StationRow>(
    db,
    sql`
    with scoped as (
      select ${visits.id} as id, ${visits.personId} as person_id, ${visits.stationId} as station_id,
             ${visits.dueOn} as due_on, ${visits.status} as status, ${visits.completedAt} as completed_at,
             ${visits.outcome} as outcome, ${seenVisit()} as seen, ${unavailableVisit()} as unavailable,
             coalesce(jsonb_array_length(case when jsonb_typeof(${visits.record}->'needs') = 'array'
               then ${visits.record}->'needs' end), 0) as needs,
             (${visits.completedAt} at time zone 'Asia/Shanghai')::date between ${start} and ${end} as done_in_month,
             ${onTimeVisit()} as on_time, ${overdueVisit({ now })} as overdue,
             ${overdueVisit({ now: shanghaiInstant(start) })} as overdue_at_start
        from ${visits}
       where ${visitsInScope(user)}
    ),
    due_people as (
      select distinct s.station_id, s.person_id from scoped s join ${people} on ${people.id} = s.person_id
       where s.status <> ${cancelled}
         -- Carried over: still open, and already overdue when the month began.
         and ((s.due_on between ${start} and ${end}) or s.overdue_at_start)
         and (${literalEq(people.status, "active")} or ${people.statusOn} >= ${start})
    ),
    visited_people as (
      select distinct s.person_id from scoped s where s.seen and s.done_in_month
    ),
    unavailable_people as (
      select distinct s.person_id from scoped s where s.unavailable and s.done_in_month
    ),
    per_station as (
      select station_id,
             count(*) filter (where due_on between ${start} and ${upTo} and status <> ${cancelled}
                                and not unavailable)::int as due,
             count(*) filter (where due_on between ${start} and ${upTo} and on_time)::int as on_time,
             count(*) filter (where overdue)::int as overdue,
             count(*) filter (where done_in_month and outcome = ${literal(visits.outcome, "not_home")})::int as not_home,
             count(*) filter (where done_in_month and outcome = ${literal(visits.outcome, "moved")})::int as moved,
             count(*) filter (where done_in_month and outcome = ${literal(visits.outcome, "hospitalised")})::int as hospitalised,
             count(*) filter (where done_in_month and outcome = ${literal(visits.outcome, "deceased")})::int as deceased,
             coalesce(sum(needs) filter (where done_in_month and seen), 0)::int as needs_found
        from scoped group by station_id
    ),
    monthly as (
      select d.station_id,
             count(*) filter (where v.person_id is not null or u.person_id is null)::int as people_due,
             count(v.person_id)::int as people_visited,
             count(*) filter (where v.person_id is null and u.person_id is not null)::int as people_unavailable
        from due_people d
        left join visited_people v on v.person_id = d.person_id
        left join unavailable_people u on u.person_id = d.person_id
       group by d.station_id
    ),
    open_referrals as (
      select ${referrals.stationId} as station_id, count(*)::int as n from ${referrals}
       where ${literalEq(referrals.status, "open")} and ${referrals.stationId} in (select station_id from scoped)
       group by 1
    )
    select ${facilities.id} as station_id, ${facilities.name} as station_name, ${township.code} as township_code,
           ${township.name} as township_name, ${countyCodeSql(township.code)} as county_code, ${county.name} as county_name,
           coalesce(ps.due, 0) as due, coalesce(ps.on_time, 0) as on_time, coalesce(ps.overdue, 0) as overdue,
           coalesce(m.people_due, 0) as people_due, coalesce(m.people_visited, 0) as people_visited,
           coalesce(ps.not_home, 0) as not_home, coalesce(ps.moved, 0) as moved,
           coalesce(ps.hospitalised, 0) as hospitalised, coalesce(ps.deceased, 0) as deceased,
           coalesce(m.people_unavailable, 0) as people_unavailable, coalesce(ps.needs_found, 0) as needs_found,
           coalesce(r.n, 0) as open_referrals
      from ${facilities}
      join ${regions} ${township} on ${township.id} = ${facilities.townshipId}
      left join ${regions} ${county} on ${county.code} = ${countyCodeSql(township.code)}
      left join per_station ps on ps.station_id = ${facilities.id}
      left join monthly m on m.station_id = ${facilities.id}
      left join open_referrals r on r.station_id = ${facilities.id}
     where ${facilities.id} in (select station_id from scoped)
     order by ${township.code}, ${facilities.name}`,
  );
  const rows: VisitMetricRow[] = [];
  const total = emptyRow("total", "county", "", null);
  const counties = new Map<string, VisitMetricRow>();
  const townships = new Map<string, VisitMetricRow>();
  for (const s of stationRows) {
    const county =
      counties.get(s.county_code) ?? emptyRow(s.county_code, "county", s.county_name ?? s.county_code, null);
    counties.set(s.county_code, county);
    const township =
      townships.get(s.township_code) ?? emptyRow(s.township_code, "township", s.township_name, s.county_code);
    townships.set(s.township_code, township);
    const station = emptyRow(`station:${s.station_id}`, "station", s.station_name, s.township_code);
    for (const target of [station, township, county, total]) {
      target.due += s.due;
      target.onTime += s.on_time;
      target.overdue += s.overdue;
      target.peopleDue += s.people_due;
      target.peopleVisited += s.people_visited;
      target.notHome += s.not_home;
      target.moved += s.moved;
      target.hospitalised += s.hospitalised;
      target.deceased += s.deceased;
      target.peopleUnavailable += s.people_unavailable;
      target.needsFound += s.needs_found;
      target.openReferrals += s.open_referrals;
    }
    rows.push(station);
  }
  for (const r of [...rows, ...townships.values(), ...counties.values(), total]) {
    r.onTimeRate = r.due ? r.onTime / r.due : null;
    r.monthlyRate = r.peopleDue ? r.peopleVisited / r.peopleDue : null;
  }
  // Counties, then each county's townships, then each township's stations.
  const ordered: VisitMetricRow[] = [];
  for (const county of counties.values()) {
    ordered.push(county);
    for (const township of [...townships.values()].filter((t) => t.parentKey === county.key)) {
      ordered.push(township);
      ordered.push(...rows.filter((r) => r.parentKey === township.key));
    }
  }
  return { month: chosen, rows: ordered, total };
}

function emptyRow(
  key: string,
  level: VisitMetricRow["level"],
  name: string,
  parentKey: string | null,
): VisitMetricRow {
  return {
    key,
    level,
    name,
    parentKey,
    due: 0,
    onTime: 0,
    onTimeRate: null,
    overdue: 0,
    peopleDue: 0,
    peopleVisited: 0,
    monthlyRate: null,
    ...(Object.fromEntries(apartKeys.map((k) => [k, 0])) as Record<(typeof apartKeys)[number], number>),
  };
}
