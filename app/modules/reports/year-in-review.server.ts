// The year in review for a region, modelled on the Ngari civil-affairs review of 2023: what the contracted
// organizations did (activities, person-times), for whom (people in care, 低保), how visits went, what money came from
// where and was spent, how far the station network got, and how many organizations have a party branch.
// Each figure here has a definition written next to it; the page shows the same words and links to the rows.
import { and, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type {
  ActivityKind,
  FacilityKind,
  FacilityStatus,
  FundingSourceKind,
  PersonCategory,
} from "#db/schema";
import {
  activities,
  allocations,
  careProjects,
  contracts,
  coveringFacilityStatuses,
  facilities,
  facilityStatusHistory,
  organizations,
  people,
  regions,
  visits,
} from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { budgetFigures } from "~/modules/budget/dashboard.server";
import { contractPlaceJoins, contractRunningIn, placedContract } from "~/modules/contracts/running.server";
import { allocatedSumWhere, allocatedWithin } from "~/modules/funding/sums.server";
import { personStateOn } from "~/modules/history/person-state.server";
import { dibaoCounts } from "~/modules/households/dibao.server";
import { organizationRegisteredIn, registeredOrganization } from "~/modules/organizations/registered.server";
import { countyCodeSql } from "~/modules/regions/code-sql.server";
import { patternOfPrefix } from "~/modules/regions/codes";
import { onTimeVisit } from "~/modules/visits/overdue.server";
import { seenVisit } from "~/modules/visits/seen.server";
import { db, queryRows } from "~/utils/db.server";
import { literal, literalEq, literalIn } from "~/utils/sql-literals";
import type { ReportPeriod, ReportRegion } from "./region.server";

/** The visits table as the reports' raw queries name it ("visits v"). */
export const visitAlias = alias(visits, "v");
/** The activities table as the reports' raw queries name it ("activities a"), which activitiesOfYear reads. */
export const activityAlias = alias(activities, "a");

const a = activityAlias;
const { c, f, t, p } = placedContract;
const { o, r } = registeredOrganization;
const fh = alias(facilityStatusHistory, "fh");

type Ctx = { user: SessionUser; region: ReportRegion; period: ReportPeriod };

const like = (region: ReportRegion) => patternOfPrefix(region.prefix);

/** Live activities of the year at a facility, or under a care project, inside the region (as `a`). */
export function activitiesOfYear({ region, period }: Pick<Ctx, "region" | "period">) {
  return sql`${a.deletedAt} is null and ${a.occurredOn} between ${period.start} and ${period.end}
    and (${a.facilityId} in (select ${f.id} from ${facilities} ${f} join ${regions} ${t} on ${t.id} = ${f.townshipId}
                             where ${t.code} like ${like(region)})
      or ${a.careProjectId} in (select ${p.id} from ${careProjects} ${p} join ${regions} ${r} on ${r.id} = ${p.regionId}
                                where ${r.code} like ${like(region)}))`;
}

type KindRow = { kind: FacilityKind; facilities: number; activities: number; personTimes: number };
type FacilityRow = {
  id: number;
  name: string;
  kind: FacilityKind;
  activities: number;
  personTimes: number;
};
type ProjectRow = { id: number; name: string; kind: string; activities: number; personTimes: number };
type MonthRow = { month: number; kind: ActivityKind; activities: number; personTimes: number };

async function activitySection(ctx: Ctx) {
  const where = activitiesOfYear(ctx);
  const [byFacility, byProject, byMonth] = await Promise.all([
    queryRows<FacilityRow>(
      db,
      sql`select ${f.id}, ${f.name}, ${f.kind}, count(*)::int as activities, sum(${a.personTimes})::int as "personTimes"
          from ${activities} ${a} join ${facilities} ${f} on ${f.id} = ${a.facilityId}
          where ${where} group by ${f.id}, ${f.name}, ${f.kind} order by sum(${a.personTimes}) desc, ${f.name}`,
    ),
    queryRows<ProjectRow>(
      db,
      sql`select ${p.id}, ${p.name}, ${p.kind}, count(*)::int as activities, sum(${a.personTimes})::int as "personTimes"
          from ${activities} ${a} join ${careProjects} ${p} on ${p.id} = ${a.careProjectId}
          where ${where} group by ${p.id}, ${p.name}, ${p.kind} order by ${p.name}`,
    ),
    queryRows<MonthRow>(
      db,
      sql`select extract(month from ${a.occurredOn})::int as month, ${a.kind}, count(*)::int as activities,
            sum(${a.personTimes})::int as "personTimes"
          from ${activities} ${a} where ${where} group by 1, 2 order by 1, 2`,
    ),
  ]);
  const kinds = new Map<FacilityKind, KindRow>();
  for (const f of byFacility) {
    const row = kinds.get(f.kind) ?? { kind: f.kind, facilities: 0, activities: 0, personTimes: 0 };
    row.facilities += 1;
    row.activities += f.activities;
    row.personTimes += f.personTimes;
    kinds.set(f.kind, row);
  }
  const byKind = [...kinds.values()].sort((a, b) => b.personTimes - a.personTimes);
  const sum = (rows: { activities: number; personTimes: number }[]) => ({
    activities: rows.reduce((s, r) => s + r.activities, 0),
    personTimes: rows.reduce((s, r) => s + r.personTimes, 0),
  });
  return {
    byKind,
    byFacility,
    byProject,
    byMonth,
    totals: sum([...byFacility, ...byProject]),
    projectTotals: sum(byProject),
  };
}

/**
 * People in care with an active file on the report date (the year's end, or today for this year), as the register
 * stood that day: categories, status and village from the person history (history/person-state.server.ts).
 */
async function peopleSection({ user, region, period }: Ctx) {
  const village = alias(regions, "v");
  const county = countyCodeSql(village.code);
  const state = personStateOn(period.asOf);
  const joined = sql`${people} join ${state} s on s.id = ${people.id} join ${regions} ${village} on ${village.id} = s.village_id`;
  const where = sql`s.status = ${literal(people.status, "active")} and ${village.code} like ${like(region)}
    and ${peopleInScope(user)}`;
  const [rows, totals] = await Promise.all([
    queryRows<{ countyCode: string; category: PersonCategory; people: number }>(
      db,
      sql`select ${county} as "countyCode", cat as category, count(*)::int as people
        from ${joined} cross join unnest(s.categories) as cat
        where ${where} group by 1, 2`,
    ),
    queryRows<{ countyCode: string; people: number }>(
      db,
      sql`select ${county} as "countyCode", count(*)::int as people from ${joined} where ${where} group by 1`,
    ),
  ]);
  const countyNames = new Map(
    (
      await db
        .select({ code: regions.code, name: regions.name })
        .from(regions)
        .where(and(eq(regions.level, "county"), sql`${regions.code} like ${like(region)}`))
    ).map((r) => [r.code, r.name]),
  );
  const byCategory = new Map<PersonCategory, number>();
  for (const r of rows) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.people);
  return {
    rows: rows
      .map((r) => ({ ...r, countyName: countyNames.get(r.countyCode) ?? r.countyCode }))
      .sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.category.localeCompare(b.category)),
    byCategory: [...byCategory.entries()]
      .map(([category, n]) => ({ category, people: n }))
      .sort((a, b) => b.people - a.people),
    byCounty: totals
      .map((r) => ({ ...r, countyName: countyNames.get(r.countyCode) ?? r.countyCode }))
      .sort((a, b) => a.countyCode.localeCompare(b.countyCode)),
    total: totals.reduce((s, r) => s + r.people, 0),
  };
}

type VisitRow = { countyCode: string; countyName: string; done: number; onTime: number; notSeen: number };

/**
 * Visits in the year at stations in the region where the person was seen (seenVisit), on time as everywhere
 * (onTimeVisit); visits recorded without seeing the person are counted apart (notSeen).
 */
async function visitSection({ region, period }: Ctx) {
  const v = visitAlias;
  const county = alias(regions, "c");
  const rows = await queryRows<VisitRow>(
    db,
    sql`select ${countyCodeSql(t.code)} as "countyCode", ${county.name} as "countyName",
          count(*) filter (where ${seenVisit(v)})::int as done,
          count(*) filter (where ${onTimeVisit(v)})::int as "onTime",
          count(*) filter (where not ${seenVisit(v)})::int as "notSeen"
        from ${visits} ${v}
        join ${facilities} ${f} on ${f.id} = ${v.stationId}
        join ${regions} ${t} on ${t.id} = ${f.townshipId}
        left join ${regions} ${county} on ${county.code} = ${countyCodeSql(t.code)}
        where ${literalIn(v.status, ["completed", "missed"])} and ${t.code} like ${like(region)}
          and (${v.completedAt} at time zone 'Asia/Shanghai')::date between ${period.start} and ${period.end}
        group by 1, 2 order by 1`,
  );
  const done = rows.reduce((s, r) => s + r.done, 0);
  const onTime = rows.reduce((s, r) => s + r.onTime, 0);
  return { byCounty: rows, done, onTime, rate: done > 0 ? onTime / done : null };
}

type FundRow = {
  /** null: contracts of the year with no allocation at all, whose spending still counts (budget/figures.ts). */
  id: number | null;
  name: string;
  kind: FundingSourceKind | null;
  donorProvince: string | null;
  totalFen: number | null;
  allocatedFen: number;
  /** The spending of the contracts the source funds, shared by each contract's allocation split, in whole fen. */
  spentFen: number;
};

/**
 * The year's money in the region as of the report date: the budget dashboard's own figures (budgetFigures), so the
 * year in review and /budget show the same allocated, spent and 执行率 for the same region and day.
 */
async function fundSection({ user, region, period }: Ctx) {
  const figures = await budgetFigures({
    user,
    year: period.year,
    regionPrefix: region.prefix,
    asOf: period.asOf,
  });
  const rows: FundRow[] = figures.sources.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind as FundingSourceKind | null,
    donorProvince: s.donorProvince,
    totalFen: s.totalFen,
    allocatedFen: s.allocatedFen,
    spentFen: s.spentFen,
  }));
  return {
    rows,
    totalFen: figures.totals.sourcesTotalFen,
    allocatedFen: figures.totals.allocatedFen,
    spentFen: figures.totals.spentFen,
    rate: figures.totals.rate,
  };
}

/** Money allocated in the year to contracts for stations and for children's care projects in the region. */
async function purposeFunds({ region, period }: Ctx) {
  const township = alias(regions, "t");
  const projectRegion = alias(regions, "pr");
  const station = literalEq(facilities.kind, "social_work_station");
  const children = literalEq(careProjects.kind, "children");
  const [row] = await db
    .select({
      stationFen: allocatedSumWhere(station),
      stations: sql<number>`count(distinct ${contracts.facilityId}) filter (where ${station})::int`,
      childrenFen: allocatedSumWhere(children),
      childrenProjects: sql<number>`count(distinct ${contracts.careProjectId}) filter (where ${children})::int`,
    })
    .from(allocations)
    .innerJoin(contracts, eq(contracts.id, allocations.contractId))
    .leftJoin(facilities, eq(facilities.id, contracts.facilityId))
    .leftJoin(township, eq(township.id, facilities.townshipId))
    .leftJoin(careProjects, eq(careProjects.id, contracts.careProjectId))
    .leftJoin(projectRegion, eq(projectRegion.id, careProjects.regionId))
    .where(
      and(
        allocatedWithin({ from: period.start, to: period.end }),
        or(sql`${township.code} like ${like(region)}`, sql`${projectRegion.code} like ${like(region)}`),
      ),
    );
  return row;
}

type StationStatusRow = { kind: FacilityKind; status: FacilityStatus; facilities: number };

/** Every facility's status on the report date, from its status history (facilities not yet planned then are left out). */
async function networkSection({ region, period }: Ctx) {
  const rows = await queryRows<StationStatusRow>(
    db,
    sql`select ${f.kind}, h.to_status as status, count(*)::int as facilities
        from ${facilities} ${f} join ${regions} ${t} on ${t.id} = ${f.townshipId}
        join lateral (select ${fh.toStatus} from ${facilityStatusHistory} ${fh}
                      where ${fh.facilityId} = ${f.id} and ${fh.effectiveOn} <= ${period.asOf}
                      order by ${fh.effectiveOn} desc, ${fh.id} desc limit 1) h on true
        where ${t.code} like ${like(region)}
        group by 1, 2 order by 1, 2`,
  );
  const stations = rows.filter((r) => r.kind === "social_work_station");
  const count = (status: FacilityStatus) => stations.find((r) => r.status === status)?.facilities ?? 0;
  return {
    rows,
    stations: {
      operating: count("operating"),
      // In trial operation: covering (as on the coverage page), shown apart.
      trialOperation: count("trial_operation"),
      covering: coveringFacilityStatuses.reduce((n, s) => n + count(s), 0),
      accepted: count("accepted"),
      underConstruction: count("under_construction"),
      planned: count("planned"),
      suspended: count("suspended"),
      closed: count("closed"),
      all: stations.reduce((s, r) => s + r.facilities, 0),
    },
  };
}

/** Organizations registered in the region by the report date and not deregistered; party-branch coverage. */
async function organizationSection({ region, period }: Ctx) {
  const [row] = await queryRows<{ organizations: number; withBranch: number; registeredInYear: number }>(
    db,
    sql`select count(*)::int as organizations,
          count(*) filter (where ${o.hasPartyBranch})::int as "withBranch",
          count(*) filter (where ${o.registeredOn} between ${period.start} and ${period.end})::int as "registeredInYear"
        from ${organizations} ${o} join ${regions} ${r} on ${r.id} = ${o.regionId}
        where ${organizationRegisteredIn(like(region), period.asOf)}`,
  );
  const [contracted] = await queryRows<{ n: number }>(
    db,
    sql`select count(distinct ${c.organizationId})::int as n from ${contracts} ${c} ${contractPlaceJoins()}
        where ${contractRunningIn(like(region), period)}`,
  );
  return {
    ...row,
    underContract: contracted.n,
    coverage: row.organizations > 0 ? row.withBranch / row.organizations : null,
  };
}

export type YearInReview = Awaited<ReturnType<typeof yearInReview>>;

export async function yearInReview(ctx: Ctx) {
  const [activities, peopleInCare, dibao, visits, funds, purpose, network, organizations] = await Promise.all(
    [
      activitySection(ctx),
      peopleSection(ctx),
      // 低保 as the register stood on the report date (households grouped as today: membership keeps no history).
      dibaoCounts({ user: ctx.user, prefix: ctx.region.prefix, asOf: ctx.period.asOf }),
      visitSection(ctx),
      fundSection(ctx),
      purposeFunds(ctx),
      networkSection(ctx),
      organizationSection(ctx),
    ],
  );
  const kind = (k: FacilityKind) => activities.byKind.find((r) => r.kind === k);
  return {
    region: ctx.region,
    period: ctx.period,
    headline: {
      dayCare: {
        facilities: kind("day_care_centre")?.facilities ?? 0,
        personTimes: kind("day_care_centre")?.personTimes ?? 0,
      },
      activityCentre: {
        facilities: kind("elderly_activity_centre")?.facilities ?? 0,
        personTimes: kind("elderly_activity_centre")?.personTimes ?? 0,
      },
      // The article's figure: activities under children's care projects. A children's care centre's own work has its
      // card beside it (childrenCentre), so neither figure hides the other.
      childrenActivities: activities.byProject
        .filter((p) => p.kind === "children")
        .reduce((s, p) => s + p.activities, 0),
      childrenCentre: {
        facilities: kind("children_care_centre")?.facilities ?? 0,
        activities: kind("children_care_centre")?.activities ?? 0,
        personTimes: kind("children_care_centre")?.personTimes ?? 0,
      },
      stationFunds: { fen: purpose.stationFen, stations: purpose.stations },
      childrenFunds: { fen: purpose.childrenFen, projects: purpose.childrenProjects },
      partyCoverage: organizations.coverage,
    },
    activities,
    peopleInCare,
    dibao,
    visits,
    funds,
    network,
    organizations,
  };
}
