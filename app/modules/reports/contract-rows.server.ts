// The rows behind the figures of one contract's monthly report: its expenditures, allocations, the people its
// activities served and the home visits to them. The contract is looked up in the reader's scope first (out of
// scope: 404); `from`/`to` bound the dates and are open-ended when left out, as the report's "so far" figures are.
import { sql } from "drizzle-orm";
import { contractsInScope, peopleInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import type { ContractFigure } from "./rows-link";
import { date, maskPeopleOutOfScope, type RowsResult, withTotal, word } from "./rows-query.server";

const between = (column: ReturnType<typeof sql>, params: URLSearchParams) => {
  const from = date(params.get("from"));
  const to = date(params.get("to"));
  return sql`(${from}::date is null or ${column} >= ${from}::date) and (${to}::date is null or ${column} <= ${to}::date)`;
};

const personColumns = [
  { key: "name", label: "rows.col.name" },
  { key: "village", label: "rows.col.village" },
  { key: "idNumber", label: "rows.col.idNumber" },
];

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
  const inScope = sql`exists (select 1 from contracts where contracts.id = ${contractId} and ${contractsInScope(user)})`;
  /** Live activities of the contract in the dates asked for, as `a`: what the report's figures count. */
  const liveActivities = sql`a.contract_id = ${contractId} and a.deleted_at is null and ${between(sql`a.occurred_on`, params)}`;
  switch (figure) {
    case "expenditures": {
      const category = word(params.get("category"));
      const { rows, total } = await withTotal(
        sql`select e.spent_on::text as date, e.category, e.description, e.amount_fen::float8 as amount,
                   case when e.reverses_id is not null then '#' || e.reverses_id else '' end as reverses
            from expenditures e
            where e.contract_id = ${contractId} and ${inScope} and ${between(sql`e.spent_on`, params)}
              and (${category}::text is null or e.category = ${category}::text)
            order by e.spent_on, e.id`,
      );
      return {
        columns: [
          { key: "date", label: "rows.col.date" },
          { key: "category", label: "rows.col.category", enumOf: "expenditureCategory" },
          { key: "description", label: "rows.col.description" },
          { key: "amount", label: "rows.col.amount", money: true, sum: true },
          { key: "reverses", label: "rows.col.reverses" },
        ],
        rows,
        total,
      };
    }
    case "contractAllocations": {
      const { rows, total } = await withTotal(
        sql`select al.allocated_on::text as date, s.name as source, al.note, al.amount_fen::float8 as amount
            from allocations al join funding_sources s on s.id = al.funding_source_id
            where al.contract_id = ${contractId} and ${inScope} and ${between(sql`al.allocated_on`, params)}
            order by al.allocated_on, al.id`,
      );
      return {
        columns: [
          { key: "date", label: "rows.col.date" },
          { key: "source", label: "rows.col.source" },
          { key: "note", label: "rows.col.note" },
          { key: "amount", label: "rows.col.amount", money: true, sum: true },
        ],
        rows,
        total,
      };
    }
    case "contractPeople": {
      // One row per person, however many of the activities they took part in ("people served", not visits).
      const { rows, total } = await withTotal(
        sql`select people.full_name as name, v.name as village, people.id_number_masked as "idNumber",
              array_to_string(people.categories, ',') as categories, count(*)::int as activities,
              case when ${peopleInScope(user)} then 1 else 0 end as visible
            from activity_people ap join activities a on a.id = ap.activity_id
            join people on people.id = ap.person_id join regions v on v.id = people.village_id
            where ${liveActivities} and ${inScope}
            group by people.id, v.id
            order by v.code, people.full_name, people.id`,
      );
      return {
        columns: [
          ...personColumns,
          { key: "categories", label: "rows.col.categories", enumOf: "personCategory" },
          { key: "activities", label: "rows.col.activities", numeric: true, digits: 0 },
        ],
        rows: maskPeopleOutOfScope(rows),
        total,
      };
    }
    case "contractHomeVisits": {
      // One row per person on a home-visit activity: the report counts person-times of home visits.
      const { rows, total } = await withTotal(
        sql`select a.occurred_on::text as date, people.full_name as name, v.name as village,
              people.id_number_masked as "idNumber", case when ${peopleInScope(user)} then 1 else 0 end as visible
            from activity_people ap join activities a on a.id = ap.activity_id
            join people on people.id = ap.person_id join regions v on v.id = people.village_id
            where ${liveActivities} and ${inScope} and a.kind = 'home_visit'
            order by a.occurred_on, a.id, people.full_name`,
      );
      return {
        columns: [{ key: "date", label: "rows.col.date" }, ...personColumns],
        rows: maskPeopleOutOfScope(rows),
        total,
      };
    }
  }
}
