// The rows behind the figures of one contract's monthly report: its expenditures, allocations, the people its
// activities served and the home visits to them. The contract is looked up in the reader's scope first (out of
// scope: 404); `from`/`to` bound the dates and are open-ended when left out, as the report's "so far" figures are.
import { type SQLWrapper, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  activities,
  activityPeople,
  allocations,
  contracts,
  expenditures,
  fundingSources,
  people,
  regions,
} from "#db/schema";
import { contractsInScope, peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { literalEq } from "~/utils/sql-literals";
import type { ContractFigure } from "./rows-link";
import {
  type ColumnOf,
  date,
  maskPeopleOutOfScope,
  type RowsResult,
  rowsTable,
  withTotal,
  word,
} from "./rows-query.server";

// The tables as the figures' queries name them.
const e = alias(expenditures, "e");
const al = alias(allocations, "al");
const s = alias(fundingSources, "s");
const a = alias(activities, "a");
const ap = alias(activityPeople, "ap");
const v = alias(regions, "v");

const between = (column: SQLWrapper, params: URLSearchParams) => {
  const from = date(params.get("from"));
  const to = date(params.get("to"));
  return sql`(${from}::date is null or ${column} >= ${from}::date) and (${to}::date is null or ${column} <= ${to}::date)`;
};

const personColumns: ColumnOf[] = ["name", "village", "idNumber"];

export async function contractFigureRows({
  user,
  figure,
  contractId,
  params,
}: {
  user: SessionUser;
  figure: ContractFigure;
  /** A contract already found in the user's scope. */
  contractId: number;
  params: URLSearchParams;
}): Promise<RowsResult> {
  const inScope = sql`exists (select 1 from ${contracts} where ${contracts.id} = ${contractId} and ${contractsInScope(user)})`;
  /** Live activities of the contract in the dates asked for, as `a`: what the report's figures count. */
  const liveActivities = sql`${a.contractId} = ${contractId} and ${a.deletedAt} is null and ${between(a.occurredOn, params)}`;
  switch (figure) {
    case "expenditures": {
      const category = word(params.get("category"));
      const { rows, total } = await withTotal(
        sql`select ${e.spentOn}::text as date, ${e.category}, ${e.description}, ${e.amountFen}::float8 as amount,
                   case when ${e.reversesId} is not null then '#' || ${e.reversesId} else '' end as reverses
            from ${expenditures} ${e}
            where ${e.contractId} = ${contractId} and ${inScope} and ${between(e.spentOn, params)}
              and (${category}::text is null or ${e.category} = ${category}::text)
            order by ${e.spentOn}, ${e.id}`,
      );
      return rowsTable(
        [
          "date",
          { key: "category", enumOf: "expenditureCategory" },
          "description",
          { key: "amount", money: true, sum: true },
          "reverses",
        ],
        { rows, total },
      );
    }
    case "contractAllocations": {
      const { rows, total } = await withTotal(
        sql`select ${al.allocatedOn}::text as date, ${s.name} as source, ${al.note}, ${al.amountFen}::float8 as amount
            from ${allocations} ${al} join ${fundingSources} ${s} on ${s.id} = ${al.fundingSourceId}
            where ${al.contractId} = ${contractId} and ${inScope} and ${between(al.allocatedOn, params)}
            order by ${al.allocatedOn}, ${al.id}`,
      );
      return rowsTable(["date", "source", "note", { key: "amount", money: true, sum: true }], {
        rows,
        total,
      });
    }
    case "contractPeople": {
      // One row per person, however many of the activities they took part in ("people served", not visits).
      const { rows, total } = await withTotal(
        sql`select ${people.fullName} as name, ${v.name} as village, ${people.idNumberMasked} as "idNumber",
              array_to_string(${people.categories}, ',') as categories, count(*)::int as activities,
              case when ${peopleInScope(user)} then 1 else 0 end as visible
            from ${activityPeople} ${ap} join ${activities} ${a} on ${a.id} = ${ap.activityId}
            join ${people} on ${people.id} = ${ap.personId} join ${regions} ${v} on ${v.id} = ${people.villageId}
            where ${liveActivities} and ${inScope}
            group by ${people.id}, ${v.id}
            order by ${v.code}, ${people.fullName}, ${people.id}`,
      );
      return rowsTable(
        [
          ...personColumns,
          { key: "categories", enumOf: "personCategory" },
          { key: "activities", numeric: true, digits: 0 },
        ],
        { rows: maskPeopleOutOfScope(rows), total },
      );
    }
    case "contractHomeVisits": {
      // One row per person on a home-visit activity: the report counts person-times of home visits.
      const { rows, total } = await withTotal(
        sql`select ${a.occurredOn}::text as date, ${people.fullName} as name, ${v.name} as village,
              ${people.idNumberMasked} as "idNumber", case when ${peopleInScope(user)} then 1 else 0 end as visible
            from ${activityPeople} ${ap} join ${activities} ${a} on ${a.id} = ${ap.activityId}
            join ${people} on ${people.id} = ${ap.personId} join ${regions} ${v} on ${v.id} = ${people.villageId}
            where ${liveActivities} and ${inScope} and ${literalEq(a.kind, "home_visit")}
            order by ${a.occurredOn}, ${a.id}, ${people.fullName}`,
      );
      return rowsTable(["date", ...personColumns], { rows: maskPeopleOutOfScope(rows), total });
    }
  }
}
