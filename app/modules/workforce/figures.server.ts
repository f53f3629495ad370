// The workforce figures, defined once: staffing against target, certified share (持证上岗率), training hours per
// worker and caseload (people in care per worker), per facility and summed to township, county and region. The
// facility page, the coverage page and the year in review all read them from here (a test compares two of them).
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  facilities,
  facilityStatusHistory,
  people,
  regions,
  trainingParticipants,
  trainings,
  workerCertificates,
  workers,
} from "#db/schema";
import { personStateOn } from "~/modules/history/person-state.server";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { literal, literalEq } from "~/utils/sql-literals";

/**
 * The sums every figure is a ratio of.
 * - `workers`: employed on the day (started on or before it, not ended before it);
 * - `certified`: of those, holding the social-work qualification or another certificate obtained by that year;
 * - `target`/`staffedToTarget`: targets of facilities that count toward staffing (set, and the facility is neither
 *   planned, under construction nor closed) and the workers at those facilities;
 * - `trainingHours`: hours of trainings held from the window's start to the day, attended by those workers;
 * - `peopleInCare`/`caseWorkers`: active people in care at facilities that have any, and the workers there.
 */
export type WorkforceSums = {
  workers: number;
  certified: number;
  carers: number;
  carersCertified: number;
  target: number;
  staffedToTarget: number;
  trainingHours: number;
  peopleInCare: number;
  caseWorkers: number;
};

export type WorkforceFigures = WorkforceSums & {
  /** Workers ÷ target; null without a target. */
  staffing: number | null;
  /** 持证上岗率: certified ÷ workers. */
  certifiedShare: number | null;
  carersCertifiedShare: number | null;
  hoursPerWorker: number | null;
  /** People in care per worker at the facilities that have people in care. */
  caseload: number | null;
};

/** The facility's township and county, as the figures' queries join them. */
const township = alias(regions, "t");
const county = alias(regions, "cty");

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function figuresOf(s: WorkforceSums): WorkforceFigures {
  return {
    ...s,
    staffing: ratio(s.staffedToTarget, s.target),
    certifiedShare: ratio(s.certified, s.workers),
    carersCertifiedShare: ratio(s.carersCertified, s.carers),
    hoursPerWorker: ratio(s.trainingHours, s.workers),
    caseload: ratio(s.peopleInCare, s.caseWorkers),
  };
}

const zero: WorkforceSums = {
  workers: 0,
  certified: 0,
  carers: 0,
  carersCertified: 0,
  target: 0,
  staffedToTarget: 0,
  trainingHours: 0,
  peopleInCare: 0,
  caseWorkers: 0,
};

function add(a: WorkforceSums, b: WorkforceSums): WorkforceSums {
  const out = { ...a };
  for (const k of Object.keys(zero) as (keyof WorkforceSums)[]) out[k] = a[k] + b[k];
  return out;
}

/** The day the figures are taken on and the start of the window their training hours are summed over. */
export type WorkforceWindow = { from: string; asOf: string };

/** The calendar year up to the day: what the facility and coverage pages show, as the year in review does. */
export const yearToDate = (asOf: string): WorkforceWindow => ({ from: `${asOf.slice(0, 4)}-01-01`, asOf });

/** A worker employed on the day, as a condition on `workers`. */
export function employedOn(day: string): SQL {
  return sql`(${workers.startsOn} <= ${day} and (${workers.endsOn} is null or ${workers.endsOn} >= ${day}))`;
}

/** A worker holding a qualification or certificate obtained by the day's year, as a condition on `workers`. */
export function certifiedOn(day: string): SQL {
  const year = Number(day.slice(0, 4));
  return sql`((${workers.socialWorkLevel} is not null and (${workers.socialWorkYear} is null or ${workers.socialWorkYear} <= ${year}))
    or exists (select 1 from ${workerCertificates} where ${workerCertificates.workerId} = ${workers.id}
      and (${workerCertificates.year} is null or ${workerCertificates.year} <= ${year})))`;
}

export type FacilityWorkforceRow = {
  facilityId: number;
  facilityName: string;
  facilityKind: string;
  townshipCode: string;
  townshipName: string;
  countyCode: string | null;
  countyName: string | null;
  staffTarget: number | null;
  figures: WorkforceFigures;
};

type RawRow = Omit<FacilityWorkforceRow, "figures"> & {
  countsTowardTarget: boolean;
  workers: number;
  certified: number;
  carers: number;
  carersCertified: number;
  trainingHours: number;
  peopleInCare: number;
};

const notStaffed = sql`(${literal(facilities.status, "planned")}, ${literal(facilities.status, "under_construction")}, ${literal(facilities.status, "closed")})`;

/**
 * People in care per station on the day: today's register, or for an earlier day the register as it stood then
 * (person history, ADR 015), so a past year's caseload is that year's.
 */
function caredOn(asOf: string): SQL {
  if (asOf >= todayInShanghai())
    return sql`select ${people.stationId} as facility_id, count(*)::int as n from ${people}
      where ${literalEq(people.status, "active")} and ${people.stationId} is not null group by 1`;
  return sql`select s.station_id as facility_id, count(*)::int as n from ${personStateOn(asOf)} s
    where s.status = ${literal(people.status, "active")} and s.station_id is not null group by 1`;
}

/** A facility's status on the day: today's, or for an earlier day the last change on or before it (null before any). */
function statusOn(asOf: string): SQL {
  if (asOf >= todayInShanghai()) return sql`${facilities.status}`;
  return sql`(select ${facilityStatusHistory.toStatus} from ${facilityStatusHistory}
    where ${facilityStatusHistory.facilityId} = ${facilities.id} and ${facilityStatusHistory.effectiveOn} <= ${asOf}
    order by ${facilityStatusHistory.effectiveOn} desc, ${facilityStatusHistory.id} desc limit 1)`;
}

/** Per facility matching `where` (a condition on `facilities` and its `township`). */
async function facilityRows(where: SQL, { from, asOf }: WorkforceWindow): Promise<FacilityWorkforceRow[]> {
  const rows = await queryRows<RawRow>(
    db,
    sql`with employed as (
        select ${workers.id} as id, ${workers.facilityId} as facility_id, ${workers.role} as role,
          ${certifiedOn(asOf)} as certified
        from ${workers} where ${employedOn(asOf)}
      ), hours as (
        select ${trainingParticipants.workerId} as worker_id, sum(${trainings.hours}) as hours
        from ${trainingParticipants} join ${trainings} on ${trainings.id} = ${trainingParticipants.trainingId}
        where ${trainings.heldOn} between ${from} and ${asOf}
        group by 1
      ), cared as (${caredOn(asOf)})
      select ${facilities.id} as "facilityId", ${facilities.name} as "facilityName", ${facilities.kind} as "facilityKind",
        ${township.code} as "townshipCode", ${township.name} as "townshipName", ${county.code} as "countyCode",
        ${county.name} as "countyName",
        ${facilities.staffTarget} as "staffTarget",
        (${facilities.staffTarget} is not null and ${statusOn(asOf)} not in ${notStaffed}) as "countsTowardTarget",
        count(e.id)::int as workers,
        (count(e.id) filter (where e.certified))::int as certified,
        (count(e.id) filter (where e.role = 'carer'))::int as carers,
        (count(e.id) filter (where e.role = 'carer' and e.certified))::int as "carersCertified",
        coalesce(sum(h.hours), 0)::float8 as "trainingHours",
        coalesce(max(cared.n), 0)::int as "peopleInCare"
      from ${facilities}
        join ${regions} as ${township} on ${township.id} = ${facilities.townshipId}
        left join ${regions} as ${county} on ${county.id} = ${township.parentId}
        left join employed e on e.facility_id = ${facilities.id}
        left join hours h on h.worker_id = e.id
        left join cared on cared.facility_id = ${facilities.id}
      where ${where}
      group by ${facilities.id}, ${township.code}, ${township.name}, ${county.code}, ${county.name}
      order by ${township.code}, ${facilities.code}`,
  );
  return rows.map((r) => ({
    facilityId: r.facilityId,
    facilityName: r.facilityName,
    facilityKind: r.facilityKind,
    townshipCode: r.townshipCode,
    townshipName: r.townshipName,
    countyCode: r.countyCode,
    countyName: r.countyName,
    staffTarget: r.staffTarget,
    figures: figuresOf({
      workers: r.workers,
      certified: r.certified,
      carers: r.carers,
      carersCertified: r.carersCertified,
      target: r.countsTowardTarget ? (r.staffTarget ?? 0) : 0,
      staffedToTarget: r.countsTowardTarget ? r.workers : 0,
      trainingHours: r.trainingHours,
      peopleInCare: r.peopleInCare,
      caseWorkers: r.peopleInCare > 0 ? r.workers : 0,
    }),
  }));
}

/** One facility's figures (the page has checked the facility is in the reader's scope). */
export async function facilityWorkforce(facilityId: number, window: WorkforceWindow) {
  const [row] = await facilityRows(sql`${facilities.id} = ${facilityId}`, window);
  return row?.figures ?? figuresOf(zero);
}

export type WorkforceGroup = { code: string; name: string; figures: WorkforceFigures };

export type RegionWorkforce = {
  window: WorkforceWindow;
  total: WorkforceFigures;
  counties: WorkforceGroup[];
  townships: WorkforceGroup[];
  facilities: FacilityWorkforceRow[];
};

function groupBy(rows: FacilityWorkforceRow[], key: (r: FacilityWorkforceRow) => [string, string] | null) {
  const groups = new Map<string, { name: string; sums: WorkforceSums }>();
  for (const r of rows) {
    const k = key(r);
    if (!k) continue;
    const g = groups.get(k[0]) ?? { name: k[1], sums: zero };
    groups.set(k[0], { name: g.name, sums: add(g.sums, r.figures) });
  }
  return [...groups].map(([code, g]) => ({ code, name: g.name, figures: figuresOf(g.sums) }));
}

/**
 * A region's figures (`prefix`: its significant code digits), with its counties, townships and facilities. Only
 * facilities that count (a target set or anyone employed) are listed; the sums are the same either way.
 */
export async function regionWorkforce(prefix: string, window: WorkforceWindow): Promise<RegionWorkforce> {
  const rows = (await facilityRows(sql`${township.code} like ${`${prefix}%`}`, window)).filter(
    (r) => r.figures.workers > 0 || r.figures.target > 0,
  );
  const total = figuresOf(rows.reduce<WorkforceSums>((s, r) => add(s, r.figures), zero));
  return {
    window,
    total,
    counties: groupBy(rows, (r) => (r.countyCode ? [r.countyCode, r.countyName ?? r.countyCode] : null)),
    townships: groupBy(rows, (r) => [r.townshipCode, r.townshipName]),
    facilities: rows,
  };
}

export type TrainingYear = {
  trainings: number;
  hours: number;
  /** Named workers plus outside participants, each training counted on its own (人次). */
  participants: number;
  list: {
    id: number;
    heldOn: string;
    organizer: string;
    topic: string;
    hours: number;
    participants: number;
  }[];
};

/** Trainings held in a region (its own or a region below it) over a window, with their participants. */
export async function trainingsOver(prefix: string, { from, asOf }: WorkforceWindow): Promise<TrainingYear> {
  const list = await queryRows<TrainingYear["list"][number]>(
    db,
    sql`select ${trainings.id} as id, ${trainings.heldOn}::text as "heldOn", ${trainings.organizer} as organizer,
        ${trainings.topic} as topic, ${trainings.hours}::float8 as hours,
        (${trainings.outsideParticipants} + (select count(*) from ${trainingParticipants}
          where ${trainingParticipants.trainingId} = ${trainings.id}))::int as participants
      from ${trainings} join ${regions} on ${regions.id} = ${trainings.regionId}
      where ${regions.code} like ${`${prefix}%`} and ${trainings.heldOn} between ${from} and ${asOf}
      order by ${trainings.heldOn}, ${trainings.id}`,
  );
  return {
    trainings: list.length,
    hours: list.reduce((s, t) => s + t.hours, 0),
    participants: list.reduce((s, t) => s + t.participants, 0),
    list,
  };
}
