// The sign-off forms (submit, approve, return, reopen) and the evaluation form, validated on the server. Client-safe.
import { z } from "zod";
import { evaluationConclusions, evaluationKinds } from "#db/schema/signoff";
import { enumField, isoDate, optionalText, requiredText } from "~/modules/kernel/form-fields";
import { isMonthKey } from "~/utils/months";

const monthField = () =>
  z.string({ required_error: "validation.required" }).refine((v) => isMonthKey(v), "validation.choice");

export const signoffIntents = ["submit", "approve", "return", "reopen"] as const;
export type SignoffIntent = (typeof signoffIntents)[number];

export const signoffSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), month: monthField(), note: optionalText(1000) }),
  z.object({ intent: z.literal("approve"), month: monthField(), comment: optionalText(1000) }),
  z.object({ intent: z.literal("return"), month: monthField(), comment: requiredText(1000) }),
  z.object({ intent: z.literal("reopen"), month: monthField(), comment: requiredText(1000) }),
]);
export type SignoffInput = z.infer<typeof signoffSchema>;

/** The deliverables an evaluation scores, in the contract page's order. */
export const scoredDeliverables = ["activities", "personTimes", "homeVisits", "peopleServed"] as const;
export type ScoredDeliverable = (typeof scoredDeliverables)[number];

const score = () =>
  z.coerce
    .number({ invalid_type_error: "validation.integer" })
    .int("validation.integer")
    .min(0, "validation.min")
    .max(100, "validation.max")
    .optional();

const count = () =>
  z.coerce
    .number({ required_error: "validation.required", invalid_type_error: "validation.integer" })
    .int("validation.integer")
    .min(0, "validation.min")
    .max(1_000_000, "validation.max");

export const evaluationSchema = z
  .object({
    kind: enumField(evaluationKinds),
    evaluatedOn: isoDate(),
    evaluator: requiredText(200),
    scoreActivities: score(),
    scorePersonTimes: score(),
    scoreHomeVisits: score(),
    scorePeopleServed: score(),
    satisfactionAsked: count(),
    satisfactionSatisfied: count(),
    findings: requiredText(4000),
    conclusion: enumField(evaluationConclusions),
  })
  .refine((e) => e.satisfactionSatisfied <= e.satisfactionAsked, {
    path: ["satisfactionSatisfied"],
    message: "signoff:errors.satisfiedAboveAsked",
  });
export type EvaluationInput = z.infer<typeof evaluationSchema>;

export const scoreField: Record<ScoredDeliverable, keyof EvaluationInput> = {
  activities: "scoreActivities",
  personTimes: "scorePersonTimes",
  homeVisits: "scoreHomeVisits",
  peopleServed: "scorePeopleServed",
};
