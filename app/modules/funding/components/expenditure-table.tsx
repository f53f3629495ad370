// A contract's expenditures: chips by category, then the rows with their reversals, newest first.
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { Wan, Yuan } from "~/modules/kernel/money";
import { formatDate, formatDateTime } from "~/utils/format";
import type { listExpenditures } from "../expenditures.server";

type Listing = Awaited<ReturnType<typeof listExpenditures>>;

export function CategoryChips({ byCategory }: { byCategory: Listing["byCategory"] }) {
  const { t } = useTranslation(["funding", "common"]);
  const [search] = useSearchParams();
  if (!byCategory.length) return null;
  return (
    <nav className="chips" aria-label={t("expenditure.byCategory")}>
      <Link to="?" className={`chip${search.get("category") ? "" : " chip--on"}`}>
        {t("expenditure.allCategories")}
      </Link>
      {byCategory.map((k) => (
        <Link
          key={k.category}
          to={`?category=${k.category}`}
          className={`chip${search.get("category") === k.category ? " chip--on" : ""}`}
        >
          {t(`common:enum.expenditureCategory.${k.category}`)} <Wan fen={k.fen} />
        </Link>
      ))}
    </nav>
  );
}

export function ExpenditureTable({
  rows,
  reverseLink,
}: {
  rows: Listing["rows"];
  /** Where a row's "reverse" link leads; none when the user may not reverse. */
  reverseLink?: (expenditureId: number) => string;
}) {
  const { t, i18n } = useTranslation(["funding", "common"]);
  const lang = i18n.language;
  return (
    <ListTable
      empty={rows.length === 0}
      emptyText={t("expenditure.empty")}
      testId="expenditure-table"
      head={
        <>
          <th>{t("expenditure.spentOn")}</th>
          <th>{t("expenditure.category")}</th>
          <th>{t("expenditure.description")}</th>
          <th className="num">{t("expenditure.amount")}</th>
          <th>{t("expenditure.recordedBy")}</th>
        </>
      }
    >
      {rows.map((e) => (
        <tr
          key={e.id}
          className={e.reversedById !== null ? "row--reversed" : undefined}
          data-testid={`expenditure-${e.id}`}
        >
          <td className="nowrap">{formatDate(e.spentOn, lang)}</td>
          <td>{t(`common:enum.expenditureCategory.${e.category}`)}</td>
          <td>
            {e.reversesId !== null ? (
              <span className="badge badge--warn">{t("expenditure.reversalOf", { id: e.reversesId })}</span>
            ) : null}{" "}
            {e.description}
            {e.reversesId !== null ? (
              <div className="muted small">
                {t("expenditure.reversalReason", { reason: e.reversalReason })}
              </div>
            ) : null}
            {e.reversedById !== null ? (
              <div className="muted small">
                {t("expenditure.reversedNote", {
                  reason: e.reversedReason,
                  at: formatDateTime(e.reversedAt!, lang),
                })}
              </div>
            ) : null}
            {e.activityOn ? (
              <div className="muted small">
                {t("expenditure.forActivity", {
                  date: formatDate(e.activityOn, lang),
                  kind: t(`common:enum.activityKind.${e.activityKind}`),
                })}
              </div>
            ) : null}
          </td>
          <td className="num">
            <Yuan fen={e.amountFen} />
          </td>
          <td className="muted small">
            {e.createdByName ?? "—"}
            <div>{formatDateTime(e.createdAt, lang)}</div>
            {reverseLink && e.reversesId === null && e.reversedById === null ? (
              <Link to={reverseLink(e.id)} className="small" data-testid="reverse-link">
                {t("expenditure.reverse")}
              </Link>
            ) : null}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
