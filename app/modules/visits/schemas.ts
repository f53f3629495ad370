// Visit forms, shared by Conform in the browser and parseWithZod in actions. Messages are i18n keys.
import { z } from "zod";
import { personCategories, referralResults, riskTiers, visitOutcomes } from "#db/schema/enums";
import { baseVersionField, optionalText, requiredText } from "~/modules/kernel/form-fields";
import { isIsoDate } from "~/utils/dates";
import { MAX_DB_ID } from "~/utils/ids";
import { recordFormFields, recordProblem } from "./record";
import { followUpDateProblem } from "./schedule";

const required = { required_error: "validation.required", invalid_type_error: "validation.required" };
const isoDate = z.string(required).refine(isIsoDate, "validation.date");
const id = z.coerce
  .number(required)
  .int("validation.choice")
  .positive("validation.choice")
  .max(MAX_DB_ID, "validation.choice");
const optionalId = z.coerce.number().int().positive().max(MAX_DB_ID, "validation.choice").optional();
const optionalNumber = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "validation.number" })
    .min(min, "validation.min")
    .max(max, "validation.max")
    .optional();
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
    visitedTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "visits:errors.visitedTime")
      .optional(),
    notes: optionalText(2000),
    followUpReason: optionalText(500),
    followUpOn: z.string().optional(),
    /** "Hospitalised": the day the person is expected home, when the cadence resumes. */
    returnOn: z.string().optional(),
    /** "Moved": the receiving station, or none (outside the network) with where they went. */
    toStationId: optionalId,
    destination: optionalText(200),
    /** The device's position with the worker's consent, its accuracy, and the device's clock. */
    lat: optionalNumber(-90, 90),
    lng: optionalNumber(-180, 180),
    gpsAccuracy: optionalNumber(0, 100_000),
    deviceTime: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), "validation.invalid")
      .optional(),
    baseVersion: baseVersionField(),
    ...recordFormFields,
  });

/** What each outcome asks for besides itself, and the structured record's own checks. */
function checkOutcome(v: z.infer<ReturnType<typeof recordSchema>>, ctx: z.RefinementCtx, today: string) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  const record = recordProblem(v);
  if (record) issue(record.path, record.message);
  if ((v.lat === undefined) !== (v.lng === undefined)) issue("lat", "visits:errors.positionIncomplete");
  if (v.outcome === "hospitalised") {
    if (!v.returnOn || !isIsoDate(v.returnOn)) issue("returnOn", "visits:errors.returnOnRequired");
    else if (v.returnOn < v.visitedOn || followUpDateProblem(v.returnOn, v.visitedOn))
      issue("returnOn", "visits:errors.returnOnRange");
  }
  if (v.outcome === "moved" && !v.toStationId && !v.destination)
    issue("toStationId", "visits:errors.moveDestinationRequired");
  checkFollowUp(v, ctx, today);
}

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
      z.object({
        intent: z.literal("referral"),
        referralId: id,
        result: z.enum(referralResults, { errorMap: () => ({ message: "validation.choice" }) }),
        resultNote: optionalText(300),
        resultOn: isoDate.refine((d) => d <= today, "validation.futureDate"),
      }),
    ])
    .superRefine((v, ctx) => {
      if (v.intent === "record") checkOutcome(v, ctx, today);
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

/** The plausibility flags page: the station's staff answer a flag, a planner closes it. */
export const flagActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("answer"), flagId: id, response: requiredText(500) }),
  z.object({ intent: z.literal("resolve"), flagId: id }),
]);
export type FlagAction = z.infer<typeof flagActionSchema>;

/** The transfers page: the receiving station (or the planners above) accept or decline a person who moved. */
export const transferActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), transferId: id, note: optionalText(300) }),
  z.object({ intent: z.literal("decline"), transferId: id, note: optionalText(300) }),
]);
export type TransferAction = z.infer<typeof transferActionSchema>;
