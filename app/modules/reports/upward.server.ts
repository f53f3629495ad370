// The reports a county (or prefecture) sends upward for a year: visits and 月探访率 by station, township, county and
// month (visits/metrics.server.ts's definition, month by month, not a second one), the contracts at work in the
// region, and the organizations registered or contracted there. The page, the CSV and the XLSX read this one
// object, so their totals agree; every figure that has rows behind it links to them as the year in review does.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { activities, contracts, facilities, organizations, people, regions, visits } from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { Scope, SessionUser } from "~/modules/access/types";
import { contractPlaceJoins, contractRunningIn, placedContract } from "~/modules/contracts/running.server";
import { allocatedToContract, spentUnderContract } from "~/modules/funding/sums.server";
import { organizationRegisteredIn, registeredOrganization } from "~/modules/organizations/registered.server";
import { patternOfPrefix } from "~/modules/regions/codes";
import { visitMetrics } from "~/modules/visits/metrics.server";
import { seenVisit } from "~/modules/visits/seen.server";
import { db, queryRows } from "~/utils/db.server";
import { monthRange } from "~/utils/months";
import type { ReportPeriod, ReportRegion } from "./region.server";
import { contractReportLinks, reviewLinks } from "./rows-link";
import { visitAlias } from "./year-in-review.server";

const like = (region: ReportRegion) => patternOfPrefix(region.prefix);

// The tables as the sections' queries name them.
const v = visitAlias;
const { c, f, t, p } = placedContract;
const { o, r } = registeredOrganization;
const x = alias(activities, "x");

export type UpwardVisitRow = {
  month: string;
  level: "total" | "county" | "township" | "station";
  name: string;
  peopleDue: number;
  peopleVisited: number;
  /** 月探访率: people seen in the month ÷ people due in it. */
  monthlyRate: number | null;
  due: number;
  onTime: number;
  onTimeRate: number | null;
  /** Visits recorded in the month with the person seen: the rows behind it are one link away. */
  visitsSeen: number;
  link: string;
};

export type UpwardContractRow = {
  id: number;
  code: string;
  title: string;
  organizationName: string;
  subjectName: string;
  status: string;
  startsOn: string;
  endsOn: string;
  amountFen: number;
  allocatedFen: number;
  spentFen: number;
  activities: number;
  personTimes: number;
  /** The contract's monthly report, the expenditures behind "spent", and the activities behind the counts. */
  reportLink: string;
  spentLink: string;
  activitiesLink: string;
};

export type UpwardOrganizationRow = {
  id: number;
  name: string;
  creditCode: string | null;
  registeredOn: string | null;
  partyBranch: boolean;
  /** Registered in the region (and not deregistered by the report date), as the year in review counts them. */
  registeredHere: boolean;
  contracts: number;
  contractFen: number;
  activities: number;
  personTimes: number;
  link: string;
};

/** The months of the period up to its report date ("as of"): a year in progress stops at this month. */
export function monthsOf(period: ReportPeriod): string[] {
  const last = Number(period.asOf.slice(5, 7));
  return Array.from({ length: last }, (_, i) => `${period.year}-${String(i + 1).padStart(2, "0")}`);
}

const regionScope = (region: ReportRegion): { scope: Scope } => ({
  scope: {
    kind: "region",
    regionId: region.id,
    regionCode: region.code,
    regionName: region.name,
    regionNameBo: region.nameBo,
    codePrefix: region.prefix,
  },
});

type Ctx = { user: SessionUser; region: ReportRegion; period: ReportPeriod; now?: Date };

/** Seen visits per station and month, counted as the rows behind the "visits" figure list them. */
async function seenVisitsByStation({ user, region, period }: Ctx) {
  const rows = await queryRows<{ station_id: number; month: string; n: number }>(
    db,
    sql`select ${f.id} as station_id, to_char(${v.completedAt} at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
               count(*)::int as n
          from ${visits} ${v} join ${people} on ${people.id} = ${v.personId}
          join ${facilities} ${f} on ${f.id} = ${v.stationId}
          join ${regions} ${t} on ${t.id} = ${f.townshipId}
         where ${seenVisit(v)} and ${t.code} like ${like(region)}
           and (${v.completedAt} at time zone 'Asia/Shanghai')::date between ${period.start} and ${period.end}
           and ${peopleInScope(user)}
         group by 1, 2`,
  );
  return new Map(rows.map((r) => [`${r.station_id}|${r.month}`, r.n]));
}

async function visitSection(ctx: Ctx): Promise<UpwardVisitRow[]> {
  const { region, period } = ctx;
  const links = reviewLinks(region.code, period);
  const [seen, months] = await Promise.all([
    seenVisitsByStation(ctx),
    Promise.all(
      monthsOf(period).map((month) => visitMetrics({ user: regionScope(region), month, now: ctx.now })),
    ),
  ]);
  const out: UpwardVisitRow[] = [];
  for (const m of months) {
    // Stations carry their own count; a township or county sums its stations', the total all of them.
    const stationSeen = (key: string) => seen.get(`${key.slice("station:".length)}|${m.month}`) ?? 0;
    const stations = m.rows.filter((r) => r.level === "station");
    const sumUnder = (level: "township" | "county", key: string) =>
      stations
        .filter((s) =>
          level === "township" ? s.parentKey === key : (s.parentKey ?? "").startsWith(key.slice(0, 6)),
        )
        .reduce((n, s) => n + stationSeen(s.key), 0);
    const range = monthRange(m.month);
    const rowOf = (r: (typeof m.rows)[number] | typeof m.total, level: UpwardVisitRow["level"]) => {
      const visitsSeen =
        level === "total"
          ? stations.reduce((n, s) => n + stationSeen(s.key), 0)
          : level === "station"
            ? stationSeen(r.key)
            : sumUnder(level, r.key);
      const filter =
        level === "station"
          ? { station: r.key.slice("station:".length) }
          : level === "township"
            ? { township: r.key.slice(0, 9) }
            : level === "county"
              ? { county: r.key.slice(0, 6) }
              : {};
      return {
        month: m.month,
        level,
        name: r.name,
        peopleDue: r.peopleDue,
        peopleVisited: r.peopleVisited,
        monthlyRate: r.monthlyRate,
        due: r.due,
        onTime: r.onTime,
        onTimeRate: r.onTimeRate,
        visitsSeen,
        link: links.rows("visits", { from: range.start, to: range.end, ...filter }),
      };
    };
    out.push(rowOf({ ...m.total, name: region.name }, "total"));
    for (const r of m.rows) out.push(rowOf(r, r.level));
  }
  return out;
}

/** Contracts (not drafts) at facilities or of projects in the region, running at some point of the period. */
async function contractSection({ region, period }: Ctx): Promise<UpwardContractRow[]> {
  const span = { from: period.start, to: period.asOf };
  const rows = await queryRows<Omit<UpwardContractRow, "reportLink" | "spentLink" | "activitiesLink">>(
    db,
    sql`select ${c.id} as id, ${c.code} as code, ${c.title} as title,
               ${o.name} as "organizationName", coalesce(${f.name}, ${p.name}) as "subjectName",
               ${c.status} as status,
               ${c.startsOn}::text as "startsOn", ${c.endsOn}::text as "endsOn",
               ${c.amountFen}::float8 as "amountFen",
               ${allocatedToContract(c.id, span)} as "allocatedFen",
               ${spentUnderContract(c.id, span)} as "spentFen",
               coalesce(a.activities, 0)::int as activities, coalesce(a.person_times, 0)::int as "personTimes"
          from ${contracts} ${c} join ${organizations} ${o} on ${o.id} = ${c.organizationId}
          ${contractPlaceJoins()}
          left join lateral (
            select count(*) as activities, sum(${x.personTimes}) as person_times from ${activities} ${x}
             where ${x.contractId} = ${c.id} and ${x.deletedAt} is null
               and ${x.occurredOn} between ${period.start} and ${period.asOf}) a on true
         where ${contractRunningIn(like(region), period)}
         order by ${c.code}`,
  );
  const month = period.asOf.slice(0, 7);
  return rows.map((c) => {
    const links = contractReportLinks(c.id, { start: period.start, end: period.asOf }, period.asOf);
    return {
      ...c,
      reportLink: `/reports/contracts/${c.id}?month=${c.endsOn < period.asOf ? c.endsOn.slice(0, 7) : month}`,
      spentLink: links.rows("expenditures", "month"),
      activitiesLink: links.activities("month"),
    };
  });
}

/** Organizations registered in the region (the year in review's count) and those contracted there in the period. */
async function organizationSection({ region, period }: Ctx): Promise<UpwardOrganizationRow[]> {
  const rows = await queryRows<Omit<UpwardOrganizationRow, "link">>(
    db,
    sql`with here as (
          select ${c.id}, ${c.organizationId}, ${c.amountFen} from ${contracts} ${c} ${contractPlaceJoins()}
           where ${contractRunningIn(like(region), period)}
        )
        select ${o.id}, ${o.name}, ${o.creditCode} as "creditCode", ${o.registeredOn}::text as "registeredOn",
               ${o.hasPartyBranch} as "partyBranch",
               ${organizationRegisteredIn(like(region), period.asOf)} as "registeredHere",
               (select count(*) from here h where h.organization_id = ${o.id})::int as contracts,
               (select coalesce(sum(h.amount_fen), 0) from here h where h.organization_id = ${o.id})::float8 as "contractFen",
               (select count(*) from ${activities} ${x} join here h on h.id = ${x.contractId}
                 where h.organization_id = ${o.id} and ${x.deletedAt} is null
                   and ${x.occurredOn} between ${period.start} and ${period.asOf})::int as activities,
               (select coalesce(sum(${x.personTimes}), 0) from ${activities} ${x} join here h on h.id = ${x.contractId}
                 where h.organization_id = ${o.id} and ${x.deletedAt} is null
                   and ${x.occurredOn} between ${period.start} and ${period.asOf})::int as "personTimes"
          from ${organizations} ${o} join ${regions} ${r} on ${r.id} = ${o.regionId}
         where ${organizationRegisteredIn(like(region), period.asOf)}
            or ${o.id} in (select organization_id from here)
         order by ${o.name}`,
  );
  return rows.map((o) => ({ ...o, link: `/organizations/${o.id}` }));
}

export type UpwardReport = Awaited<ReturnType<typeof upwardReport>>;

/** The upward report of a region the access module checked against the user's scope, for a period. */
export async function upwardReport(ctx: Ctx) {
  const [visits, contractRows, organizations] = await Promise.all([
    visitSection(ctx),
    contractSection(ctx),
    organizationSection(ctx),
  ]);
  const links = reviewLinks(ctx.region.code, ctx.period);
  const registered = organizations.filter((o) => o.registeredHere);
  const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    region: { code: ctx.region.code, name: ctx.region.name, nameBo: ctx.region.nameBo },
    period: ctx.period,
    months: monthsOf(ctx.period),
    visits,
    contracts: {
      rows: contractRows,
      total: {
        contracts: contractRows.length,
        amountFen: sum(contractRows, (c) => c.amountFen),
        allocatedFen: sum(contractRows, (c) => c.allocatedFen),
        spentFen: sum(contractRows, (c) => c.spentFen),
        activities: sum(contractRows, (c) => c.activities),
        personTimes: sum(contractRows, (c) => c.personTimes),
      },
    },
    organizations: {
      rows: organizations,
      total: {
        registered: registered.length,
        withBranch: registered.filter((o) => o.partyBranch).length,
        contracted: organizations.filter((o) => o.contracts > 0).length,
        contracts: sum(organizations, (o) => o.contracts),
        contractFen: sum(organizations, (o) => o.contractFen),
        activities: sum(organizations, (o) => o.activities),
        personTimes: sum(organizations, (o) => o.personTimes),
      },
      links: {
        registered: links.rows("organizations"),
        withBranch: links.rows("organizations", { party: 1 }),
        contracted: links.rows("organizations", { contracted: 1 }),
      },
    },
  };
}
