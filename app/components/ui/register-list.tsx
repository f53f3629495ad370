// A register's list page (/organizations, /projects, /contracts): one layout for the three — the header with the
// link to register a new one, optional headline figures, the filter bar led by the search box, the table and its
// pages — and one page size, so the registers page alike.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSearch } from "./filter-bar";
import { ListTable } from "./list-table";
import { ListHeader } from "./page-header";
import { Pagination, pageFromSearch } from "./pagination";
import { StatGrid } from "./stat";

export const REGISTER_PAGE_SIZE = 25;

type Register = "organizations" | "projects" | "contracts";

/** The query a register's loader lists by: the URL's parameters (its filters) and the page asked for. */
export function registerListQuery(request: Request) {
  const search = new URL(request.url).searchParams;
  return { search, page: pageFromSearch(search), pageSize: REGISTER_PAGE_SIZE };
}

export function RegisterList({
  register,
  canCreate,
  stats,
  filters,
  testId,
  cards = false,
  head,
  rowCount,
  page,
  total,
  children,
}: {
  register: Register;
  canCreate: boolean;
  /** Headline figures (`Stat`s) above the filters, when the register has any. */
  stats?: ReactNode;
  /** The filters after the search box. */
  filters: ReactNode;
  testId: string;
  cards?: boolean;
  /** The header cells. */
  head: ReactNode;
  /** How many rows this page lists (none: the register's "nothing found" line instead of the table). */
  rowCount: number;
  page: number;
  total: number;
  /** The rows. */
  children: ReactNode;
}) {
  const { t } = useTranslation([register, "common"]);
  return (
    <>
      <ListHeader register={register} canCreate={canCreate} />
      {stats ? <StatGrid>{stats}</StatGrid> : null}
      <FilterBar>
        <FilterSearch placeholder={t("list.searchPlaceholder")} />
        {filters}
      </FilterBar>
      <ListTable cards={cards} empty={rowCount === 0} emptyText={t("list.empty")} testId={testId} head={head}>
        {children}
      </ListTable>
      <Pagination page={page} pageSize={REGISTER_PAGE_SIZE} total={total} />
    </>
  );
}
