// The rows behind a report figure: each figure on a report links here (or to the activity list) with the same
// definition, so a reader can check any number. Personal data stays within the reader's scope and is masked.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  activities,
  allocations,
  contracts,
  facilities,
  facilityStatusHistory,
  fundingSources,
  organizations,
  people,
  regions,
  visits,
} from "#db/schema";
import { peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import {
  contractPlacedIn,
  contractPlaceJoins,
  contractRunningIn,
  placedContract,
} from "~/modules/contracts/running.server";
import { personStateOn } from "~/modules/history/person-state.server";
import { organizationRegisteredIn, registeredOrganization } from "~/modules/organizations/registered.server";
import { countyCodeSql } from "~/modules/regions/code-sql.server";
import { patternOfPrefix } from "~/modules/regions/codes";
import { onTimeVisit } from "~/modules/visits/overdue.server";
import { seenVisit } from "~/modules/visits/seen.server";
import { todayInShanghai } from "~/utils/dates";
import { literal, literalEq } from "~/utils/sql-literals";
import { findReportContract } from "./contract-month.server";
import { contractFigureRows } from "./contract-rows.server";
import { fundRows } from "./fund-rows.server";
import { periodOf, type ReportRegion, reportRegion } from "./region.server";
import { type ContractFigure, isContractFigure, isRowFigure, type RowFigure } from "./rows-link";
import {
  county,
  date,
  flag,
  id,
  type RegionRowsRequest,
  type RowsResult,
  rowsTable,
  withTotal,
  word,
} from "./rows-query.server";
import { activitiesOfYear, activityAlias, visitAlias } from "./year-in-review.server";

export type { RowFigure } from "./rows-link";

const like = (region: ReportRegion) => patternOfPrefix(region.prefix);

// The tables as the figures' queries name them.
const v = visitAlias;
const a = activityAlias;
const al = alias(allocations, "al");
const s = alias(fundingSources, "s");
const { c, f, t, p } = placedContract;
const { o, r } = registeredOrganization;
const fh = alias(facilityStatusHistory, "fh");
const village = alias(regions, "v");
const countyRegion = alias(regions, "c");

export type FigureRows = RowsResult & {
  figure: RowFigure;
  /** What the rows are of: the region and year, or the contract. */
  heading: string[];
  /** The region's code, or the contract's id, for the audit log. */
  subject: string;
};

/** What a /reports/rows query string asks for: a figure of a region's report, or of a contract's. */
export type RowsQuery = { figure: RegionFigure } | { figure: ContractFigure; contractId: number };

/** The figure (and contract) a query string names; a message for a query that names none. */
export function rowsQueryOf(params: URLSearchParams): RowsQuery | { problem: string } {
  const figure = params.get("figure");
  if (!isRowFigure(figure)) return { problem: "Unknown figure" };
  if (!isContractFigure(figure)) return { figure };
  const contractId = id(params.get("contract"));
  return contractId ? { figure, contractId } : { problem: "A contract is required" };
}

/**
 * The rows a /reports/rows query asks for, checked against the user's scope like the report it came from; null when
 * the contract or the region is not the user's to see.
 */
export async function rowsForQuery(
  user: SessionUser,
  query: RowsQuery,
  params: URLSearchParams,
): Promise<FigureRows | null> {
  if ("contractId" in query) {
    const { figure, contractId } = query;
    const contract = await findReportContract(user, contractId);
    if (!contract) return null;
    const range = [date(params.get("from")), date(params.get("to"))].map((d) => d ?? "…").join(" – ");
    const result = await contractFigureRows({ user, figure, contractId, params });
    return {
      figure,
      heading: [contract.subjectName, contract.code, range],
      subject: String(contractId),
      ...result,
    };
  }
  const year = Number(params.get("year"));
  const period = periodOf(
    Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(todayInShanghai().slice(0, 4)),
  );
  const region = await reportRegion(user, params.get("region"));
  if (!region) return null;
  const { figure } = query;
  const result = await figureRows({ user, figure, region, period, params });
  return { figure, heading: [region.name, String(period.year)], subject: region.code, ...result };
}

type RegionFigure = Exclude<RowFigure, ContractFigure>;

/** The rows behind a figure of a region's report, for a region already checked against the user's scope. */
async function figureRows({
  user,
  figure,
  region,
  period,
  params,
}: RegionRowsRequest<RegionFigure>): Promise<RowsResult> {
  switch (figure) {
    case "people": {
      const category = word(params.get("category"));
      const { rows, total } = await withTotal(
        // As the year in review counts them: the register as it stood on the report date (person history).
        sql`select ${people.fullName} as name, ${village.name} as village, ${countyRegion.name} as county,
              ${people.idNumberMasked} as "idNumber", array_to_string(s.categories, ',') as categories
            from ${people} join ${personStateOn(period.asOf)} s on s.id = ${people.id}
            join ${regions} ${village} on ${village.id} = s.village_id
            left join ${regions} ${countyRegion} on ${countyRegion.code} = ${countyCodeSql(village.code)}
            where s.status = ${literal(people.status, "active")} and ${village.code} like ${like(region)}
              and ${village.code} like ${county(params.get("county"))}
              and (${category}::text is null or ${category}::text = any(s.categories)) and ${peopleInScope(user)}
            order by ${village.code}, ${people.fullName}`,
      );
      return rowsTable(
        ["name", "county", "village", "idNumber", { key: "categories", enumOf: "personCategory" }],
        { rows, total },
      );
    }
    case "visits": {
      const onTime = flag(params.get("onTime"));
      // The upward report's rows narrow to a month, a township or a station (reports/upward.server.ts).
      const from = date(params.get("from")) ?? period.start;
      const to = date(params.get("to")) ?? period.end;
      const township = /^\d{9}$/.test(params.get("township") ?? "") ? `${params.get("township")}%` : "%";
      const station = id(params.get("station"));
      const { rows, total } = await withTotal(
        sql`select ${people.fullName} as name, ${f.name} as station, ${v.dueOn}::text as "dueOn",
              to_char(${v.completedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "completedOn",
              case when ${onTimeVisit(v)} then 1 else 0 end as "onTime"
            from ${visits} ${v} join ${people} on ${people.id} = ${v.personId}
            join ${facilities} ${f} on ${f.id} = ${v.stationId}
            join ${regions} ${t} on ${t.id} = ${f.townshipId}
            where ${seenVisit(v)} and ${t.code} like ${like(region)} and ${t.code} like ${county(params.get("county"))}
              and ${t.code} like ${township} and (${station}::int is null or ${f.id} = ${station}::int)
              and (${v.completedAt} at time zone 'Asia/Shanghai')::date between ${period.start} and ${period.end}
              and (${v.completedAt} at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
              and (${onTime}::boolean is null or (${onTimeVisit(v)}) = ${onTime}::boolean)
              and ${peopleInScope(user)}
            order by ${v.completedAt}`,
      );
      return rowsTable(["name", "station", "dueOn", "completedOn", { key: "onTime", enumOf: "yesNo" }], {
        rows,
        total,
      });
    }
    case "allocations": {
      // A source's allocations (or every source's of the year): the funds table's "allocated".
      if (params.has("source") || params.get("sources") === "year")
        return fundRows({ user, figure: "fundAllocations", region, period, params });
      const purpose = word(params.get("purpose"));
      // Allocations made in the year to contracts in the region, for stations or children: the headline funds.
      const which = sql`${contractPlacedIn(like(region))}
              and ${al.allocatedOn} between ${period.start} and ${period.end}
              and (${purpose}::text is null
                   or (${purpose}::text = 'stations' and ${literalEq(f.kind, "social_work_station")})
                   or (${purpose}::text = 'children' and ${literalEq(p.kind, "children")}))`;
      const { rows, total } = await withTotal(
        sql`select ${al.allocatedOn}::text as date, ${s.name} as source, ${c.code} as contract,
              coalesce(${f.name}, ${p.name}) as subject, ${al.amountFen}::float8 as amount
            from ${allocations} ${al} join ${fundingSources} ${s} on ${s.id} = ${al.fundingSourceId}
            join ${contracts} ${c} on ${c.id} = ${al.contractId} ${contractPlaceJoins()}
            where ${which}
            order by ${al.allocatedOn}, ${c.code}, ${al.id}`,
      );
      return rowsTable(["date", "source", "contract", "subject", { key: "amount", money: true, sum: true }], {
        rows,
        total,
      });
    }
    case "spending":
      return fundRows({ user, figure: "spending", region, period, params });
    case "facilities": {
      const kind = word(params.get("kind"));
      const status = word(params.get("status"));
      const { rows, total } = await withTotal(
        sql`select ${f.code}, ${f.name}, ${f.kind}, ${t.name} as township, h.to_status as status,
              h.effective_on::text as since
            from ${facilities} ${f} join ${regions} ${t} on ${t.id} = ${f.townshipId}
            join lateral (select ${fh.toStatus}, ${fh.effectiveOn} from ${facilityStatusHistory} ${fh}
                          where ${fh.facilityId} = ${f.id} and ${fh.effectiveOn} <= ${period.asOf}
                          order by ${fh.effectiveOn} desc, ${fh.id} desc limit 1) h on true
            where ${t.code} like ${like(region)} and (${kind}::text is null or ${f.kind} = ${kind}::text)
              and (${status}::text is null or h.to_status = ${status}::text)
            order by ${f.kind}, ${t.code}`,
      );
      return rowsTable(
        [
          "code",
          "name",
          { key: "kind", enumOf: "facilityKind" },
          "township",
          { key: "status", enumOf: "facilityStatus" },
          "since",
        ],
        { rows, total },
      );
    }
    case "facilityActivities": {
      // Facilities with live activities in the year, and what they did: the by-facility-kind table's rows.
      const kind = word(params.get("kind"));
      const { rows, total } = await withTotal(
        sql`select ${f.code}, ${f.name}, ${f.kind}, ${t.name} as township, count(*)::int as activities,
              sum(${a.personTimes})::int as "personTimes"
            from ${activities} ${a} join ${facilities} ${f} on ${f.id} = ${a.facilityId}
            join ${regions} ${t} on ${t.id} = ${f.townshipId}
            where ${activitiesOfYear({ region, period })} and (${kind}::text is null or ${f.kind} = ${kind}::text)
            group by ${f.id}, ${t.name} order by ${f.kind}, sum(${a.personTimes}) desc, ${f.name}`,
      );
      return rowsTable(
        [
          "code",
          "name",
          { key: "kind", enumOf: "facilityKind" },
          "township",
          { key: "activities", numeric: true, digits: 0, sum: true },
          { key: "personTimes", numeric: true, digits: 0, sum: true },
        ],
        { rows, total },
      );
    }
    case "fundingSources":
      return fundRows({ user, figure: "fundingSources", region, period, params });
    case "organizations": {
      const party = flag(params.get("party"));
      const registeredInYear = params.get("registered") === "year";
      const contracted = params.get("contracted") === "1";
      const { rows, total } = await withTotal(
        sql`select ${o.name}, ${o.creditCode} as "creditCode", ${o.registeredOn}::text as "registeredOn",
              case when ${o.hasPartyBranch} then 1 else 0 end as "partyBranch"
            from ${organizations} ${o} join ${regions} ${r} on ${r.id} = ${o.regionId}
            where ${
              contracted
                ? sql`exists (select 1 from ${contracts} ${c} ${contractPlaceJoins()}
                        where ${c.organizationId} = ${o.id} and ${contractRunningIn(like(region), period)})`
                : organizationRegisteredIn(like(region), period.asOf)
            }
              and (${party}::boolean is null or ${o.hasPartyBranch} = ${party}::boolean)
              and (${registeredInYear}::boolean = false or ${o.registeredOn} between ${period.start} and ${period.end})
            order by ${o.registeredOn} nulls last, ${o.name}`,
      );
      return rowsTable(["name", "creditCode", "registeredOn", { key: "partyBranch", enumOf: "yesNo" }], {
        rows,
        total,
      });
    }
  }
}
