// Server-side pagination links that keep every other query parameter (filters, sort).
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav className="pagination" aria-label="pagination">
      <span className="muted">{t("table.total", { count: total })}</span>
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
