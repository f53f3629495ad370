// The rows behind a report figure: each figure on a report links here (or to the activity list) with the same
// definition, so a reader can check any number. Personal data stays within the reader's scope and is masked.
import { sql } from "drizzle-orm";
import type { SessionUser } from "~/modules/auth/types";
import { isIsoDate } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { contractsInScope, peopleInScope } from "~/utils/scope.server";
import type { ReportPeriod, ReportRegion } from "./region.server";

export const rowFigures = [
  "people",
  "visits",
  "allocations",
  "spending",
  "facilities",
  "organizations",
  "expenditures",
] as const;
export type RowFigure = (typeof rowFigures)[number];

export type Column = { key: string; label: string; numeric?: boolean; money?: boolean; enumOf?: string };
export type RowsResult = { columns: Column[]; rows: Record<string, string | number | null>[]; total: number };

const LIMIT = 1000;
const like = (region: ReportRegion) => `${region.prefix}%`;
const county = (v: string | null) => (v && /^\d{6}$/.test(v) ? `${v}%` : "%");
const flag = (v: string | null) => (v === "1" ? true : v === "0" ? false : null);
const word = (v: string | null) => (v && /^[a-z_]{1,40}$/.test(v) ? v : null);
const id = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : null;
};

type Row = Record<string, string | number | null>;

async function withTotal(query: ReturnType<typeof sql>): Promise<{ rows: Row[]; total: number }> {
  const rows = await queryRows<Row & { _total: number }>(
    db,
    sql`select *, count(*) over ()::int as _total from (${query}) q limit ${LIMIT}`,
  );
  return { rows: rows.map(({ _total, ...r }) => r), total: rows[0]?._total ?? 0 };
}

export async function figureRows({
  user,
  figure,
  region,
  period,
  params,
}: {
  user: SessionUser;
  figure: RowFigure;
  /** Null only for contract-level figures (expenditures), which organization staff may also open. */
  region: ReportRegion | null;
  period: ReportPeriod;
  params: URLSearchParams;
}): Promise<RowsResult> {
  if (!region && figure !== "expenditures") throw new Response("A region is required", { status: 400 });
  return rowsFor({ user, figure, region: region as ReportRegion, period, params });
}

async function rowsFor({
  user,
  figure,
  region,
  period,
  params,
}: {
  user: SessionUser;
  figure: RowFigure;
  region: ReportRegion;
  period: ReportPeriod;
  params: URLSearchParams;
}): Promise<RowsResult> {
  switch (figure) {
    case "people": {
      const category = word(params.get("category"));
      const { rows, total } = await withTotal(
        sql`select people.full_name as name, v.name as village, c.name as county, people.id_number_masked as "idNumber",
              array_to_string(people.categories, ',') as categories
            from people join regions v on v.id = people.village_id left join regions c on c.code = substr(v.code, 1, 6) || '000000'
            where people.status = 'active' and v.code like ${like(region)} and v.code like ${county(params.get("county"))}
              and (${category}::text is null or ${category}::text = any(people.categories)) and ${peopleInScope(user)}
            order by v.code, people.full_name`,
      );
      return {
        columns: [
          { key: "name", label: "rows.col.name" },
          { key: "county", label: "rows.col.county" },
          { key: "village", label: "rows.col.village" },
          { key: "idNumber", label: "rows.col.idNumber" },
          { key: "categories", label: "rows.col.categories", enumOf: "personCategory" },
        ],
        rows,
        total,
      };
    }
    case "visits": {
      const onTime = flag(params.get("onTime"));
      const { rows, total } = await withTotal(
        sql`select people.full_name as name, f.name as station, v.due_on::text as "dueOn",
              to_char(v.completed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "completedOn",
              case when (v.completed_at at time zone 'Asia/Shanghai')::date <= v.due_on then 1 else 0 end as "onTime"
            from visits v join people on people.id = v.person_id join facilities f on f.id = v.station_id
            join regions t on t.id = f.township_id
            where v.status = 'completed' and t.code like ${like(region)} and t.code like ${county(params.get("county"))}
              and (v.completed_at at time zone 'Asia/Shanghai')::date between ${period.start} and ${period.end}
              and (${onTime}::boolean is null or ((v.completed_at at time zone 'Asia/Shanghai')::date <= v.due_on) = ${onTime}::boolean)
              and ${peopleInScope(user)}
            order by v.completed_at`,
      );
      return {
        columns: [
          { key: "name", label: "rows.col.name" },
          { key: "station", label: "rows.col.station" },
          { key: "dueOn", label: "rows.col.dueOn" },
          { key: "completedOn", label: "rows.col.completedOn" },
          { key: "onTime", label: "rows.col.onTime", enumOf: "yesNo" },
        ],
        rows,
        total,
      };
    }
    case "allocations": {
      const source = id(params.get("source"));
      const purpose = word(params.get("purpose"));
      const { rows, total } = await withTotal(
        sql`select al.allocated_on::text as date, s.name as source, c.code as contract,
              coalesce(f.name, p.name) as subject, al.amount_fen::float8 as amount
            from allocations al join funding_sources s on s.id = al.funding_source_id
            join contracts c on c.id = al.contract_id
            left join facilities f on f.id = c.facility_id left join regions t on t.id = f.township_id
            left join care_projects p on p.id = c.care_project_id left join regions pr on pr.id = p.region_id
            where (t.code like ${like(region)} or pr.code like ${like(region)})
              and (${source}::int is null or s.id = ${source}::int)
              and (${source}::int is not null or al.allocated_on between ${period.start} and ${period.end})
              and (${purpose}::text is null or (${purpose}::text = 'stations' and f.kind = 'social_work_station')
                   or (${purpose}::text = 'children' and p.kind = 'children'))
            order by al.allocated_on, c.code`,
      );
      return {
        columns: [
          { key: "date", label: "rows.col.date" },
          { key: "source", label: "rows.col.source" },
          { key: "contract", label: "rows.col.contract" },
          { key: "subject", label: "rows.col.subject" },
          { key: "amount", label: "rows.col.amount", money: true },
        ],
        rows,
        total,
      };
    }
    case "spending": {
      const source = id(params.get("source"));
      const { rows, total } = await withTotal(
        sql`with mine as (select contract_id, sum(amount_fen)::float8 as fen from allocations where funding_source_id = ${source} group by 1),
              everyone as (select contract_id, sum(amount_fen)::float8 as fen from allocations where contract_id in (select contract_id from mine) group by 1),
              spent as (select contract_id, sum(amount_fen)::float8 as fen from expenditures
                        where spent_on between ${period.start} and ${period.end} and contract_id in (select contract_id from mine) group by 1)
            select contracts.code as contract, coalesce(f.name, p.name) as subject, coalesce(sp.fen, 0) as spent,
              round((m.fen / e.fen * 100)::numeric, 1)::float8 as share,
              round(coalesce(sp.fen, 0) * m.fen / e.fen)::float8 as attributed
            from mine m join everyone e on e.contract_id = m.contract_id join contracts on contracts.id = m.contract_id
            left join spent sp on sp.contract_id = m.contract_id
            left join facilities f on f.id = contracts.facility_id left join care_projects p on p.id = contracts.care_project_id
            where ${contractsInScope(user)}
            order by contracts.code`,
      );
      return {
        columns: [
          { key: "contract", label: "rows.col.contract" },
          { key: "subject", label: "rows.col.subject" },
          { key: "spent", label: "rows.col.spent", money: true },
          { key: "share", label: "rows.col.share", numeric: true },
          { key: "attributed", label: "rows.col.attributed", money: true },
        ],
        rows,
        total,
      };
    }
    case "facilities": {
      const kind = word(params.get("kind"));
      const status = word(params.get("status"));
      const { rows, total } = await withTotal(
        sql`select f.code, f.name, f.kind, t.name as township, h.to_status as status, h.effective_on::text as since
            from facilities f join regions t on t.id = f.township_id
            join lateral (select to_status, effective_on from facility_status_history fh
                          where fh.facility_id = f.id and fh.effective_on <= ${period.asOf}
                          order by fh.effective_on desc, fh.id desc limit 1) h on true
            where t.code like ${like(region)} and (${kind}::text is null or f.kind = ${kind}::text)
              and (${status}::text is null or h.to_status = ${status}::text)
            order by f.kind, t.code`,
      );
      return {
        columns: [
          { key: "code", label: "rows.col.code" },
          { key: "name", label: "rows.col.name" },
          { key: "kind", label: "rows.col.kind", enumOf: "facilityKind" },
          { key: "township", label: "rows.col.township" },
          { key: "status", label: "rows.col.status", enumOf: "facilityStatus" },
          { key: "since", label: "rows.col.since" },
        ],
        rows,
        total,
      };
    }
    case "organizations": {
      const party = flag(params.get("party"));
      const registeredInYear = params.get("registered") === "year";
      const contracted = params.get("contracted") === "1";
      const { rows, total } = await withTotal(
        sql`select o.name, o.credit_code as "creditCode", o.registered_on::text as "registeredOn",
              case when o.has_party_branch then 1 else 0 end as "partyBranch"
            from organizations o join regions r on r.id = o.region_id
            where ${
              contracted
                ? sql`exists (select 1 from contracts c left join facilities f on f.id = c.facility_id left join regions t on t.id = f.township_id
                        left join care_projects p on p.id = c.care_project_id left join regions pr on pr.id = p.region_id
                        where c.organization_id = o.id and c.status <> 'draft' and c.starts_on <= ${period.end} and c.ends_on >= ${period.start}
                          and (t.code like ${like(region)} or pr.code like ${like(region)}))`
                : sql`r.code like ${like(region)} and o.status <> 'deregistered' and (o.registered_on is null or o.registered_on <= ${period.asOf})`
            }
              and (${party}::boolean is null or o.has_party_branch = ${party}::boolean)
              and (${registeredInYear}::boolean = false or o.registered_on between ${period.start} and ${period.end})
            order by o.registered_on nulls last, o.name`,
      );
      return {
        columns: [
          { key: "name", label: "rows.col.name" },
          { key: "creditCode", label: "rows.col.creditCode" },
          { key: "registeredOn", label: "rows.col.registeredOn" },
          { key: "partyBranch", label: "rows.col.partyBranch", enumOf: "yesNo" },
        ],
        rows,
        total,
      };
    }
    case "expenditures": {
      const contract = id(params.get("contract"));
      const from = params.get("from");
      const to = params.get("to");
      const { rows, total } = await withTotal(
        sql`select e.spent_on::text as date, e.category, e.description, e.amount_fen::float8 as amount,
                   case when e.reverses_id is not null then '#' || e.reverses_id else '' end as reverses
            from expenditures e join contracts on contracts.id = e.contract_id
            where e.contract_id = ${contract} and ${contractsInScope(user)}
              and e.spent_on between ${from && isIsoDate(from) ? from : period.start} and ${to && isIsoDate(to) ? to : period.end}
            order by e.spent_on, e.id`,
      );
      return {
        columns: [
          { key: "date", label: "rows.col.date" },
          { key: "category", label: "rows.col.category", enumOf: "expenditureCategory" },
          { key: "description", label: "rows.col.description" },
          { key: "amount", label: "rows.col.amount", money: true },
          { key: "reverses", label: "rows.col.reverses" },
        ],
        rows,
        total,
      };
    }
  }
}
