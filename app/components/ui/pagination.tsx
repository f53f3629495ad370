// Server-side pagination links that keep every other query parameter (filters, sort).
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** `more`: the total was counted only up to a cap and there are more rows (one more page is offered). */
export function Pagination({
  page,
  pageSize,
  total,
  more = false,
}: {
  page: number;
  pageSize: number;
  total: number;
  more?: boolean;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize) + (more ? 1 : 0));
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label="pagination">
      <span className="muted" data-testid="list-total" data-total={total}>
        {t(more ? "table.totalAtLeast" : "table.total", { count: total })}
      </span>
      <span className="pagination__links">
        {page > 1 ? (
          <Link to={hrefFor(page - 1)} rel="prev">
            {t("actions.previous")}
          </Link>
        ) : null}
        <span>{t("table.page", { page, pages })}</span>
        {page < pages ? (
          <Link to={hrefFor(page + 1)} rel="next">
            {t("actions.next")}
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

/** Reads ?page= safely; values out of range fall back to 1. */
export function pageFromSearch(search: URLSearchParams): number {
  const page = Number(search.get("page") ?? "1");
  return Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1;
}
