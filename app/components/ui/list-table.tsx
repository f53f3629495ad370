// The app's table: its header row and rows in the scrolling wrapper, or, when there is nothing to list, a line (a
// card of its own outside a card) saying so.
import type { ReactNode } from "react";

/** Nothing to list: `emptyText` stands in for the table. A table that always has rows passes neither. */
type Empty = { empty: boolean; emptyText: ReactNode } | { empty?: undefined; emptyText?: undefined };

export function ListTable({
  empty,
  emptyText,
  testId,
  head,
  foot,
  cards = false,
  className,
  inCard = false,
  children,
}: Empty & {
  testId?: string;
  /** The header cells. */
  head: ReactNode;
  /** The footer rows (totals), when there are any. */
  foot?: ReactNode;
  /** Below 600 px each row becomes a card; its cells need `data-label` (and one `.cell--title`). */
  cards?: boolean;
  /** More classes for the table (`report__compact`, `table--compact`, a page's own). */
  className?: string;
  /** The table stands inside a card already (a section of a page): nothing to list is a plain line, not a card. */
  inCard?: boolean;
  /** The rows. */
  children: ReactNode;
}) {
  if (empty && inCard) return <p className="empty-state">{emptyText}</p>;
  if (empty)
    return (
      <div className="card empty-state">
        <p>{emptyText}</p>
      </div>
    );
  return (
    <div className="table-wrap">
      <table
        className={["table", cards ? "table--cards" : "", className ?? ""].filter(Boolean).join(" ")}
        data-testid={testId}
      >
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  );
}
