// What the home page puts first for each kind of work: the next steps, each figure counted by the same function as
// the list it opens (next-steps.server.ts), and how that list shows the number (`check`, read by the browser tests).

/** Where the linked page shows the figure: its list's total, a number in an element, or how many rows it lists. */
export type FigureCheck =
  | { kind: "total" }
  | { kind: "text"; testId: string; index?: number }
  | { kind: "count"; selector: string };

export type NextStepFigure = {
  /** The label's key under home:next.figures. */
  key: string;
  value: number;
  to: string;
  tone: "default" | "good" | "warn" | "bad";
  check: FigureCheck;
  /** Values the label interpolates (a region's name, a number of days). */
  labelValues?: Record<string, string | number>;
};

export type NextStepVisit = {
  id: number;
  personName: string;
  villageName: string | null;
  kind: string;
  dueOn: string;
  overdueDays: number;
  mine: boolean;
};

export type NextStepContract = {
  id: number;
  code: string;
  title: string;
  subjectName: string;
  behind: boolean;
  /** Activities logged this month, and the list that counts them. */
  monthDone: number;
  monthTo: string;
  perMonth: number | null;
};

export type NextStepAuditEntry = {
  id: number;
  at: string;
  action: string;
  actorName: string | null;
  entityType: string;
  entityId: string | null;
};

export type NextStepSectionKey =
  | "myVisits"
  | "stationVisits"
  | "outbox"
  | "deliverables"
  | "toAnswer"
  | "toReview"
  | "network"
  | "contracts"
  | "money"
  | "signoff"
  | "access";

export type NextStepSection = {
  key: NextStepSectionKey;
  figures: NextStepFigure[];
  visits?: NextStepVisit[];
  contracts?: NextStepContract[];
  audit?: NextStepAuditEntry[];
};

/** Reveals, break-the-glass and exports count over this many days, today included. */
export const ACCESS_WINDOW_DAYS = 7;

/** The audit actions behind each access figure. */
export const accessActions = {
  reveals: ["person.reveal_id"],
  breakGlass: ["break_glass", "break_glass_not_found", "emergency_lookup"],
  exports: [
    "person.export",
    "person.export_unmasked",
    "facility.export",
    "coverage.export",
    "budget.export",
    "report.export",
    "export",
  ],
} as const;

export function auditHref(actions: readonly string[], from: string): string {
  const params = new URLSearchParams();
  for (const a of actions) params.append("action", a);
  params.set("from", from);
  return `/audit?${params}`;
}
