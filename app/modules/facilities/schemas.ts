// Form schemas for the facility register, shared by Conform in the browser and parseWithZod in actions.
// Messages are i18n keys; cross-field and database checks (scope, county boundary) run on the server.
import { z } from "zod";
import { type FacilityStatus, facilityKinds, facilityStatuses } from "#db/schema/facilities";
import { confirmation, optionalText, requiredText } from "~/modules/kernel/form-fields";
import { isRegionCode } from "~/modules/regions/codes";

const isoDate = z
  .string({ required_error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date");

const latitude = z.coerce
  .number({ invalid_type_error: "validation.number" })
  .min(-90, "validation.min")
  .max(90, "validation.max");
const longitude = z.coerce
  .number({ invalid_type_error: "validation.number" })
  .min(-180, "validation.min")
  .max(180, "validation.max");

const optionalInt = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "validation.integer" })
    .int("validation.integer")
    .min(min, "validation.min")
    .max(max, "validation.max")
    .optional();

export const facilityFormSchema = z
  .object({
    kind: z.enum(facilityKinds, { errorMap: () => ({ message: "validation.choice" }) }),
    name: requiredText(100),
    townshipCode: z
      .string({ required_error: "validation.required" })
      .refine(isRegionCode, "validation.choice"),
    address: optionalText(200),
    lat: latitude.optional(),
    lng: longitude.optional(),
    coordQuality: z.enum(["surveyed", "approximate"]).default("approximate"),
    capacity: optionalInt(0, 100000),
    /** How many workers the facility should have (its staffing target); empty: none set. */
    staffTarget: optionalInt(0, 1000),
    serviceRadiusKm: z.coerce
      .number({ invalid_type_error: "validation.number" })
      .min(0.1, "validation.min")
      .max(500, "validation.max")
      .default(15),
    phone: optionalText(40),
    notes: optionalText(2000),
    /** Only on create: the status the facility starts in and since when. */
    status: z.enum(facilityStatuses).optional(),
    statusSince: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.lat == null) !== (v.lng == null)) {
      ctx.addIssue({
        code: "custom",
        path: [v.lat == null ? "lat" : "lng"],
        message: "facilities:errors.pointIncomplete",
      });
    }
  });

export type FacilityFormInput = z.infer<typeof facilityFormSchema>;

/**
 * Status changes a facility may go through, as the articles describe the life cycle: 规划 → 建设 → 竣工验收 → 试运行 →
 * 运营. Acceptance may open straight into operation (no trial); a suspension resumes where the work stands (building,
 * trial or operation); closing is possible from every state and final.
 */
export const allowedTransitions: Record<FacilityStatus, FacilityStatus[]> = {
  planned: ["under_construction", "closed"],
  under_construction: ["accepted", "suspended", "closed"],
  accepted: ["trial_operation", "operating", "suspended", "closed"],
  trial_operation: ["operating", "suspended", "closed"],
  operating: ["suspended", "closed"],
  suspended: ["under_construction", "trial_operation", "operating", "closed"],
  closed: [],
};

/** No status is chosen by default, and the change is confirmed (facility-status.tsx says what it does). */
const statusChangeSchema = z.object({
  intent: z.literal("status"),
  toStatus: z.enum(facilityStatuses, {
    errorMap: (issue) => ({
      message:
        issue.code === z.ZodIssueCode.invalid_type && issue.received === "undefined"
          ? "facilities:errors.chooseStatus"
          : "validation.choice",
    }),
  }),
  effectiveOn: isoDate,
  note: optionalText(500),
  confirm: confirmation("facilities:errors.confirmStatus"),
});

const locationSchema = z.object({
  intent: z.literal("location"),
  lat: latitude,
  lng: longitude,
  /** The browser says in which datum it picked the point; the server stores WGS-84. */
  datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
  surveyed: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on"),
});

const surveyedSchema = z.object({ intent: z.literal("surveyed") });

/** The posts a facility's page answers: a status change (its form), a move (the map) and "surveyed" (a button). */
export const facilityPageActionSchema = z.discriminatedUnion("intent", [
  statusChangeSchema,
  locationSchema,
  surveyedSchema,
]);
export type FacilityPageAction = z.infer<typeof facilityPageActionSchema>;
