// A table described by its columns: at a desk a table, below 600 px a card per row (table--cards), each cell
// labelled with its column's name and the title column heading the card. A column whose figures link to the rows
// behind them says where (`to`); a totals row, when the columns give totals, closes the list.
import { Link } from "@remix-run/react";
import type { HTMLAttributes, ReactNode } from "react";

type CellAttributes = HTMLAttributes<HTMLTableCellElement> & { [data: `data-${string}`]: string | undefined };
type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | undefined };

export type Column<Row> = {
  key: string;
  /** The column's name: its header, and each cell's label on a phone. */
  label: string;
  /** The header when it is more than the name (a link). */
  header?: ReactNode;
  num?: boolean;
  /** The cell that heads the card on a phone, shown without a label. */
  title?: boolean;
  cell: (row: Row) => ReactNode;
  /** Where the cell links: the rows behind its figure. */
  to?: (row: Row) => string | undefined;
  /** `data-figure` on the cells, by which tests and cross-checks find a figure. */
  figure?: string;
  /** More of a cell's attributes (a test id; `className` is added to the column's own). */
  cellProps?: (row: Row) => CellAttributes;
  /** The totals row's cell (left empty without), and its `data-figure`. */
  total?: ReactNode;
  totalFigure?: string;
};

/** One cell of a card table: labelled for the phone, a number linking to its rows when `to` is given. */
function Cell<Row>({
  column,
  to,
  figure,
  attributes,
  children,
}: {
  column: Column<Row>;
  to?: string;
  figure?: string;
  attributes?: CellAttributes;
  children: ReactNode;
}) {
  const { className: extra, ...rest } = attributes ?? {};
  const className =
    [column.num ? "num" : "", column.title ? "cell--title" : "", extra ?? ""].filter(Boolean).join(" ") ||
    undefined;
  return (
    <td
      className={className}
      data-label={column.title ? undefined : column.label}
      data-figure={figure}
      {...rest}
    >
      {to ? <Link to={to}>{children}</Link> : children}
    </td>
  );
}

export function CardTable<Row>({
  columns,
  rows,
  rowKey,
  rowProps,
  testId,
  totalRow,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** A row's own attributes (a class, data- attributes tests find it by). */
  rowProps?: (row: Row) => RowAttributes;
  testId?: string;
  /** The totals row's attributes; the row is there when a column gives a total. */
  totalRow?: RowAttributes;
}) {
  const hasTotal = columns.some((c) => c.total !== undefined);
  return (
    <div className="table-wrap">
      <table className="table table--cards" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.num ? "num" : undefined}>
                {c.header ?? c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <Cell
                  key={c.key}
                  column={c}
                  to={c.to?.(row)}
                  figure={c.figure}
                  attributes={c.cellProps?.(row)}
                >
                  {c.cell(row)}
                </Cell>
              ))}
            </tr>
          ))}
          {hasTotal ? (
            <tr {...totalRow}>
              {columns.map((c) =>
                c.total === undefined ? (
                  <td key={c.key} />
                ) : (
                  <Cell key={c.key} column={c} figure={c.totalFigure}>
                    {c.total}
                  </Cell>
                ),
              )}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
