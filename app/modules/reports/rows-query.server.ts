// What every "rows behind a figure" query shares: the shape of the answer, the row limit, and the parsers that
// turn query-string parameters into safe SQL values (anything malformed becomes null: "no filter").
import { sql } from "drizzle-orm";
import type { SessionUser } from "~/modules/access/types";
import { maskPersonName } from "~/modules/kernel/masking";
import { levelOfCode, prefixPattern, regionCodeOrUndefined } from "~/modules/regions/codes";
import { isIsoDate } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import type { ReportPeriod, ReportRegion } from "./region.server";

type Column = {
  key: string;
  label: string;
  numeric?: boolean;
  /** Decimals of a numeric column (default 1). */
  digits?: number;
  money?: boolean;
  /** Summed in the footer: the sum is the figure the rows stand behind. */
  sum?: boolean;
  enumOf?: string;
};
export type Row = Record<string, string | number | null>;

/** The rows behind one figure of a region's report: the region is already checked against the user's scope. */
export type RegionRowsRequest<Figure> = {
  user: SessionUser;
  figure: Figure;
  region: ReportRegion;
  period: ReportPeriod;
  params: URLSearchParams;
};
export type RowsResult = { columns: Column[]; rows: Row[]; total: number };

/** A column as a query names it: its key (its heading is always `rows.col.<key>`), with how to show it if not text. */
export type ColumnOf = string | ({ key: string } & Omit<Column, "key" | "label">);

/** The rows behind a figure under their columns, each headed by its key's `rows.col` label. */
export function rowsTable(columns: ColumnOf[], { rows, total }: { rows: Row[]; total: number }): RowsResult {
  return {
    columns: columns.map((c) =>
      typeof c === "string" ? { key: c, label: `rows.col.${c}` } : { ...c, label: `rows.col.${c.key}` },
    ),
    rows,
    total,
  };
}

const LIMIT = 1000;

/** A county filter as a LIKE pattern: its 6 digits (what report links send) or any code form of it. */
export const county = (v: string | null) => {
  const code = regionCodeOrUndefined(v);
  return code && levelOfCode(code) === "county" ? prefixPattern(code) : "%";
};
export const flag = (v: string | null) => (v === "1" ? true : v === "0" ? false : null);
export const word = (v: string | null) => (v && /^[a-z_]{1,40}$/.test(v) ? v : null);
export const date = (v: string | null) => (v && isIsoDate(v) ? v : null);
export const id = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : null;
};

/** The first LIMIT rows and how many there are in all. */
export async function withTotal(query: ReturnType<typeof sql>): Promise<{ rows: Row[]; total: number }> {
  const rows = await queryRows<Row & { _total: number }>(
    db,
    sql`select *, count(*) over ()::int as _total from (${query}) q limit ${LIMIT}`,
  );
  return { rows: rows.map(({ _total, ...r }) => r), total: rows[0]?._total ?? 0 };
}

/**
 * People the reader may not open (a child's file, for organization staff and the auditor) still count, so the rows add
 * up to the figure, but show only a masked name: no village, ID number or categories (as
 * `~/modules/people/shown-person` shows them). Rows carry `visible` (1/0) from the query.
 */
export function maskPeopleOutOfScope(rows: Row[]): Row[] {
  return rows.map(({ visible, ...r }) =>
    visible
      ? r
      : {
          ...r,
          name: maskPersonName(String(r.name ?? "")),
          ...("village" in r ? { village: null } : {}),
          ...("idNumber" in r ? { idNumber: null } : {}),
          ...("categories" in r ? { categories: null } : {}),
        },
  );
}
