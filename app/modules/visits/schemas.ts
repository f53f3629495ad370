// Visit forms, shared by Conform in the browser and parseWithZod in actions. Messages are i18n keys.
import { z } from "zod";
import { personCategories, riskTiers } from "#db/schema/people";
import { visitOutcomes } from "#db/schema/visits";
import { isIsoDate } from "~/utils/dates";
import { ALLOWED_TEXT, INVALID_CHARACTERS } from "~/utils/form-input";
import { MAX_DB_ID } from "~/utils/ids";
import { followUpDateProblem } from "./schedule";

const required = { required_error: "validation.required", invalid_type_error: "validation.required" };
const isoDate = z.string(required).refine(isIsoDate, "validation.date");
const text = (max: number) =>
  z
    .string(required)
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS);
const optionalText = (max: number) =>
  z.string().trim().max(max, "validation.tooLong").regex(ALLOWED_TEXT, INVALID_CHARACTERS).optional();
const id = z.coerce
  .number(required)
  .int("validation.choice")
  .positive("validation.choice")
  .max(MAX_DB_ID, "validation.choice");
const optionalId = z.coerce.number().int().positive().max(MAX_DB_ID, "validation.choice").optional();

export function recordOutcomeSchema(today: string) {
  return z
    .object({
      intent: z.literal("record"),
      outcome: z.enum(visitOutcomes, { errorMap: () => ({ message: "validation.choice" }) }),
      visitedOn: isoDate.refine((d) => d <= today, "validation.futureDate"),
      notes: optionalText(2000),
      followUpReason: optionalText(500),
      followUpOn: z.string().optional(),
    })
    .superRefine((v, ctx) => {
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
    });
}

export function rescheduleSchema(today: string) {
  return z.object({
    intent: z.literal("reschedule"),
    dueOn: isoDate.refine((d) => d >= today, "visits:errors.dueInPast"),
    reason: text(300),
  });
}

export const assignSchema = z.object({ intent: z.literal("assign"), assignedUserId: id });

export function scheduleSchema(today: string) {
  return z.object({
    intent: z.literal("schedule"),
    dueOn: isoDate.refine((d) => d >= today, "visits:errors.dueInPast"),
    assignedUserId: optionalId,
  });
}

export function bulkScheduleSchema(today: string) {
  return z.object({
    villageId: id,
    dueOn: isoDate.refine((d) => d >= today, "visits:errors.dueInPast"),
    assignedUserId: optionalId,
  });
}

export const visitRuleSchema = z
  .object({
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
  })
  .superRefine((v, ctx) => {
    const [kind, value] = v.subject.split(":");
    const known =
      kind === "tier" ? (riskTiers as readonly string[]) : (personCategories as readonly string[]);
    if (!known.includes(value))
      ctx.addIssue({ code: "custom", path: ["subject"], message: "validation.choice" });
  });

export const deleteRuleSchema = z.object({ intent: z.literal("delete"), ruleId: id });
