// Visit forms, shared by Conform in the browser and parseWithZod in actions. Messages are i18n keys.
import { z } from "zod";
import { personCategories, riskTiers, visitOutcomes } from "#db/schema/enums";
import { optionalText, requiredText } from "~/modules/kernel/form-fields";
import { isIsoDate } from "~/utils/dates";
import { MAX_DB_ID } from "~/utils/ids";
import { followUpDateProblem } from "./schedule";

const required = { required_error: "validation.required", invalid_type_error: "validation.required" };
const isoDate = z.string(required).refine(isIsoDate, "validation.date");
const id = z.coerce
  .number(required)
  .int("validation.choice")
  .positive("validation.choice")
  .max(MAX_DB_ID, "validation.choice");
const optionalId = z.coerce.number().int().positive().max(MAX_DB_ID, "validation.choice").optional();
/** The day a visit is due: today or later. */
const dueOn = (today: string) => isoDate.refine((d) => d >= today, "visits:errors.dueInPast");

const recordSchema = (today: string) =>
  z.object({
    intent: z.literal("record"),
    outcome: z.enum(visitOutcomes, {
      errorMap: (issue) => ({
        message:
          issue.code === z.ZodIssueCode.invalid_type && issue.received === "undefined"
            ? "visits:errors.chooseOutcome"
            : "validation.choice",
      }),
    }),
    visitedOn: isoDate.refine((d) => d <= today, "validation.futureDate"),
    notes: optionalText(2000),
    followUpReason: optionalText(500),
    followUpOn: z.string().optional(),
  });

/** "Needs follow-up" asks for a reason and a day for the follow-up visit, soon after the visit and not in the past. */
function checkFollowUp(v: z.infer<ReturnType<typeof recordSchema>>, ctx: z.RefinementCtx, today: string) {
  if (v.outcome !== "needs_follow_up") return;
  if (!v.followUpReason)
    ctx.addIssue({
      code: "custom",
      path: ["followUpReason"],
      message: "visits:errors.followUpReasonRequired",
    });
  if (!v.followUpOn || !isIsoDate(v.followUpOn)) {
    ctx.addIssue({ code: "custom", path: ["followUpOn"], message: "visits:errors.followUpDateRequired" });
    return;
  }
  const problem = followUpDateProblem(v.followUpOn, v.visitedOn);
  if (problem)
    ctx.addIssue({ code: "custom", path: ["followUpOn"], message: `visits:errors.followUp.${problem}` });
  else if (v.followUpOn < today)
    ctx.addIssue({ code: "custom", path: ["followUpOn"], message: "visits:errors.followUp.past" });
}

/** The forms on a visit's page, one per intent: record what happened, reschedule, assign. */
export function visitActionSchema(today: string) {
  return z
    .discriminatedUnion("intent", [
      recordSchema(today),
      z.object({
        intent: z.literal("reschedule"),
        dueOn: dueOn(today),
        reason: requiredText(300),
      }),
      z.object({ intent: z.literal("assign"), assignedUserId: id }),
    ])
    .superRefine((v, ctx) => {
      if (v.intent === "record") checkFollowUp(v, ctx, today);
    });
}
export type VisitAction = z.infer<ReturnType<typeof visitActionSchema>>;

export function scheduleSchema(today: string) {
  return z.object({
    intent: z.literal("schedule"),
    dueOn: dueOn(today),
    assignedUserId: optionalId,
  });
}

export function bulkScheduleSchema(today: string) {
  return z.object({
    villageId: id,
    dueOn: dueOn(today),
    assignedUserId: optionalId,
  });
}

/** The rules page's forms: save the rule for a subject in a region (or everywhere), or remove a region's rule. */
export const visitRuleActionSchema = z
  .discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("save"),
        ruleId: optionalId,
        regionId: optionalId,
        subject: z.string(required).regex(/^(tier|category):[a-z_]+$/, "validation.choice"),
        intervalDays: z.coerce
          .number({ ...required, invalid_type_error: "validation.integer" })
          .int("validation.integer")
          .min(1, "validation.min")
          .max(366, "validation.max"),
        note: optionalText(300),
      }),
      z.object({ intent: z.literal("delete"), ruleId: id }),
    ],
    { errorMap: () => ({ message: "validation.invalid" }) },
  )
  .superRefine((v, ctx) => {
    if (v.intent !== "save") return;
    const [kind, value] = v.subject.split(":");
    const known =
      kind === "tier" ? (riskTiers as readonly string[]) : (personCategories as readonly string[]);
    if (!known.includes(value))
      ctx.addIssue({ code: "custom", path: ["subject"], message: "validation.choice" });
  });
export type VisitRuleAction = z.infer<typeof visitRuleActionSchema>;
