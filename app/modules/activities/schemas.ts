// Forms of the activities module, shared by Conform in the browser and parseWithZod in the actions.
// Messages are i18n keys; checks that need the database (contract period, scope, people's area) run on the server.
import { z } from "zod";
import { activityKinds } from "#db/schema/enums";
import { baseVersionField } from "~/modules/kernel/form-fields";
import { isIsoDate } from "~/utils/dates";
import { ALLOWED_TEXT, INVALID_CHARACTERS } from "~/utils/form-input";
import { MAX_DB_ID } from "~/utils/ids";

export const LIMITS = {
  participants: 100_000,
  personTimes: 1_000_000,
  hours: 1000,
  summary: 2000,
  people: 200,
  flagComment: 1000,
  flagResponse: 2000,
  reason: 500,
  gpsAccuracyMeters: 100_000,
} as const;

const required = { required_error: "validation.required", invalid_type_error: "validation.number" };

// why: the three GPS values come from the device in hidden inputs and share one place on the form, so each
// names itself and its whole range; a bare "不能大于 90" would not say which of them is wrong. Anything that is
// not a number in range (text too: `catch` turns it into NaN) gets the one message with both bounds.
const gpsNumber = (key: string, lower: number, upper: number) =>
  z
    .number()
    .catch(Number.NaN)
    .refine((v) => v >= lower && v <= upper, { message: key, params: { min: lower, max: upper } })
    .optional();

const count = (upper: number, lower: number) =>
  z.number(required).int("validation.integer").min(lower, "validation.min").max(upper, "validation.max");

const dateField = z
  .string({ required_error: "validation.required" })
  .trim()
  .refine((v) => isIsoDate(v), "validation.date");

/** The fields an activity report has, whether logged or edited. */
const coreFields = {
  occurredOn: dateField,
  kind: z.enum(activityKinds, { errorMap: () => ({ message: "validation.choice" }) }),
  participants: count(LIMITS.participants, 1),
  personTimes: count(LIMITS.personTimes, 1),
  hours: z
    .number(required)
    .min(0.5, "validation.min")
    .max(LIMITS.hours, "validation.max")
    .refine((v) => Math.abs(Math.round(v * 10) - v * 10) < 1e-9, "activities:errors.hoursOneDecimal"),
  summary: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(LIMITS.summary, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS),
};

type Core = { occurredOn: string; participants: number; personTimes: number };

function checkCore(value: Core, ctx: z.RefinementCtx, today?: string) {
  if (value.personTimes < value.participants)
    ctx.addIssue({
      code: "custom",
      path: ["personTimes"],
      message: "activities:errors.personTimesBelowParticipants",
    });
  if (today && value.occurredOn > today)
    ctx.addIssue({ code: "custom", path: ["occurredOn"], message: "validation.futureDate" });
}

/** Logging a new activity. `today` (Asia/Shanghai) makes a future date an error. */
export function logActivitySchema({ today }: { today?: string } = {}) {
  return z
    .object({
      contractId: z.number({
        required_error: "activities:errors.contractRequired",
        invalid_type_error: "activities:errors.contractRequired",
      }),
      ...coreFields,
      // Left empty, the person-times are the participants (each took part once), as the form pre-fills them.
      personTimes: count(LIMITS.personTimes, 1).optional(),
      lat: gpsNumber("activities:errors.gpsLat", -90, 90),
      lng: gpsNumber("activities:errors.gpsLng", -180, 180),
      gpsAccuracy: gpsNumber("activities:errors.gpsAccuracy", 0, LIMITS.gpsAccuracyMeters),
      personId: z
        .array(
          z
            .number({ invalid_type_error: "validation.choice" })
            .int("validation.choice")
            .positive("validation.choice")
            .max(MAX_DB_ID, "validation.choice"),
        )
        .max(LIMITS.people, "validation.max")
        .default([]),
    })
    .transform((value) => ({ ...value, personTimes: value.personTimes ?? value.participants }))
    .superRefine((value, ctx) => {
      checkCore(value, ctx, today);
      if ((value.lat === undefined) !== (value.lng === undefined))
        ctx.addIssue({ code: "custom", path: ["lat"], message: "activities:errors.gpsIncomplete" });
    });
}
export type LogActivityInput = z.infer<ReturnType<typeof logActivitySchema>>;

/** Editing the figures and text of an activity; the contract and people stay as logged. */
export function editActivitySchema({ today }: { today?: string } = {}) {
  return z
    .object({
      ...coreFields,
      reason: z
        .string()
        .trim()
        .max(LIMITS.reason, "validation.tooLong")
        .regex(ALLOWED_TEXT, INVALID_CHARACTERS)
        .optional(),
      baseVersion: baseVersionField(),
    })
    .superRefine((value, ctx) => checkCore(value, ctx, today));
}
export type EditActivityInput = z.infer<ReturnType<typeof editActivitySchema>>;

export const flagSchema = z.object({
  intent: z.literal("flag"),
  comment: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(LIMITS.flagComment, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS),
});

export const answerSchema = z.object({
  intent: z.literal("answer"),
  flagId: z.number().int().positive().max(MAX_DB_ID),
  response: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(LIMITS.flagResponse, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS),
});

export const resolveSchema = z.object({
  intent: z.literal("resolve"),
  flagId: z.number().int().positive().max(MAX_DB_ID),
});

export const decideEditSchema = z.object({
  intent: z.literal("decide"),
  requestId: z.number().int().positive().max(MAX_DB_ID),
  decision: z.enum(["approved", "rejected"], { errorMap: () => ({ message: "validation.choice" }) }),
  note: z
    .string()
    .trim()
    .max(LIMITS.reason, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS)
    .optional(),
});

export const deleteSchema = z.object({
  intent: z.literal("delete"),
  reason: z
    .string({ required_error: "activities:errors.deleteReasonRequired" })
    .trim()
    .min(1, "activities:errors.deleteReasonRequired")
    .max(LIMITS.reason, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS),
});

export const detailActionSchema = z.discriminatedUnion("intent", [
  flagSchema,
  answerSchema,
  resolveSchema,
  decideEditSchema,
  deleteSchema,
]);
export type DetailAction = z.infer<typeof detailActionSchema>;
