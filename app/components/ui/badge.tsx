import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "good" | "info" | "warn" | "bad";

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export const facilityStatusTone: Record<string, BadgeTone> = {
  planned: "neutral",
  under_construction: "info",
  accepted: "info",
  trial_operation: "good",
  operating: "good",
  suspended: "warn",
  closed: "bad",
};
