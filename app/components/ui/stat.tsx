import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

type Tone = "default" | "good" | "warn" | "bad";

/** A headline figure; when `to` is given the whole card links to the rows behind it. */
export function Stat({
  label,
  value,
  hint,
  to,
  tone = "default",
  testId,
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  to?: string;
  tone?: Tone;
  testId?: string;
}) {
  const body = (
    <>
      <span className="stat__label">{label}</span>
      <span className="stat__value" data-testid={testId}>
        {value}
      </span>
      {hint ? <span className="stat__hint">{hint}</span> : null}
    </>
  );
  return to ? (
    <Link to={to} className={`stat stat--${tone} stat--link`}>
      {body}
    </Link>
  ) : (
    <div className={`stat stat--${tone}`}>{body}</div>
  );
}

export function StatGrid({ children }: { children: ReactNode }) {
  return <div className="stat-grid">{children}</div>;
}
