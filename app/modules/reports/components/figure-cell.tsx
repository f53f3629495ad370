// A number in a report's table that links to the rows behind it (a header cell in a totals row).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function FigureCell({ to, children, total }: { to: string; children: ReactNode; total?: boolean }) {
  const Cell = total ? "th" : "td";
  return (
    <Cell className="num">
      <Link to={to}>{children}</Link>
    </Cell>
  );
}
