// Accountability of a contract: the organization's monthly sign-off (报送/审核, an approved month is locked) and the
// planner's evaluations (中期/结项评估) with a score per deliverable, the recipients' satisfaction and a conclusion.
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { createdAt, enumCheck, requiredRef, timestamps } from "./_columns";
import { contracts } from "./contracts";
import { users } from "./users";

/** submitted → approved (locked) or returned; returned → submitted; approved → reopened → submitted. */
export const monthSignoffStatuses = ["submitted", "returned", "approved", "reopened"] as const;
export type MonthSignoffStatus = (typeof monthSignoffStatuses)[number];

export const evaluationKinds = ["midterm", "final"] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];

export const evaluationConclusions = ["qualified", "basically_qualified", "unqualified"] as const;
export type EvaluationConclusion = (typeof evaluationConclusions)[number];

/** The month's figures as the organization submitted them; the live figures may move until the month is approved. */
export type MonthSummary = {
  activities: number;
  personTimes: number;
  participants: number;
  homeVisits: number;
  peopleServed: number;
  spentFen: number;
};

export const contractMonths = pgTable(
  "contract_months",
  {
    id: serial().primaryKey(),
    contractId: requiredRef(() => contracts.id, "cascade"),
    /** "YYYY-MM" in Asia/Shanghai. */
    month: text().notNull(),
    status: text({ enum: monthSignoffStatuses }).notNull(),
    summary: jsonb().$type<MonthSummary>().notNull(),
    /** The organization's note with its latest submission. */
    note: text(),
    /** The planner's latest word: why it was returned or reopened, or a remark on approval. */
    comment: text(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    submittedBy: integer().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: integer().references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    unique("contract_months_contract_month_unique").on(t.contractId, t.month),
    check("contract_months_month_format", sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    enumCheck("contract_months_status", "status", monthSignoffStatuses),
    // A month sent back or reopened says why.
    check(
      "contract_months_comment_when_sent_back",
      sql`${t.status} NOT IN ('returned','reopened') OR length(btrim(coalesce(${t.comment}, ''))) > 0`,
    ),
    // The home pages and reminders list the months waiting on someone.
    index("contract_months_status_idx").on(t.status, t.contractId),
  ],
);

/** A score (0–100) per deliverable the contract measures; a deliverable without a target is not scored. */
export type EvaluationScores = Partial<
  Record<"activities" | "personTimes" | "homeVisits" | "peopleServed", number>
>;

export const contractEvaluations = pgTable(
  "contract_evaluations",
  {
    id: serial().primaryKey(),
    contractId: requiredRef(() => contracts.id, "cascade"),
    kind: text({ enum: evaluationKinds }).notNull(),
    evaluatedOn: date().notNull(),
    /** Who evaluated: the bureau's panel or a third-party assessor, as written on the report. */
    evaluator: text().notNull(),
    scores: jsonb().$type<EvaluationScores>().notNull().default({}),
    satisfactionAsked: integer().notNull(),
    satisfactionSatisfied: integer().notNull(),
    findings: text().notNull(),
    conclusion: text({ enum: evaluationConclusions }).notNull(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    enumCheck("contract_evaluations_kind", "kind", evaluationKinds),
    enumCheck("contract_evaluations_conclusion", "conclusion", evaluationConclusions),
    check(
      "contract_evaluations_satisfaction",
      sql`${t.satisfactionAsked} >= 0 AND ${t.satisfactionSatisfied} >= 0 AND ${t.satisfactionSatisfied} <= ${t.satisfactionAsked}`,
    ),
    check("contract_evaluations_scores_object", sql`jsonb_typeof(${t.scores}) = 'object'`),
    index("contract_evaluations_contract_idx").on(t.contractId, t.evaluatedOn),
  ],
);
