// A list page's table: a card saying there is nothing to list, or the table with its header row.
import type { ReactNode } from "react";

export function ListTable({
  empty,
  emptyText,
  testId,
  head,
  cards = false,
  children,
}: {
  /** Nothing to list: the card with `emptyText` stands in for the table. */
  empty: boolean;
  emptyText: ReactNode;
  testId?: string;
  /** The header cells. */
  head: ReactNode;
  /** Below 600 px each row becomes a card; its cells need `data-label` (and one `.cell--title`). */
  cards?: boolean;
  /** The rows. */
  children: ReactNode;
}) {
  if (empty)
    return (
      <div className="card empty-state">
        <p>{emptyText}</p>
      </div>
    );
  return (
    <div className="table-wrap">
      <table className={cards ? "table table--cards" : "table"} data-testid={testId}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
