// The workforce forms (a worker, ending their employment, a training), validated with Conform + Zod on the server.
// Client-safe; messages are i18n keys. Checks across fields and against the register live in mutations.server.ts.
import { z } from "zod";
import {
  certificateKinds,
  FIRST_CERTIFICATE_YEAR,
  socialWorkLevels,
  workerRoles,
} from "#db/schema/workforce-enums";
import {
  baseVersionField,
  confirmation,
  enumField,
  idField,
  isoDate,
  optionalCount,
  optionalText,
  requiredText,
} from "~/modules/kernel/form-fields";
import { intentList } from "~/modules/kernel/intent";

/** How many certificate rows the form offers besides the social-work qualification. */
export const CERTIFICATE_SLOTS = 2;

const year = (min: number) =>
  z.coerce
    .number({ invalid_type_error: "validation.integer" })
    .int("validation.integer")
    .min(min, "validation.min")
    .max(2100, "validation.max");

const certificateSlot = z
  .object({
    kind: enumField(certificateKinds).optional(),
    name: optionalText(60),
    number: optionalText(40),
    year: year(1980).optional(),
  })
  .optional();

export const workerSchema = z.object({
  fullName: requiredText(40),
  facilityId: idField(),
  /** Empty: employed by the station or centre itself. */
  employerOrganizationId: idField().optional(),
  role: enumField(workerRoles),
  phone: optionalText(30),
  /** The worker's account, by its sign-in e-mail, where they have one. */
  accountEmail: z.string().trim().email("validation.email").max(254).optional(),
  socialWorkLevel: enumField(socialWorkLevels).optional(),
  socialWorkCertificateNo: optionalText(40),
  socialWorkYear: year(FIRST_CERTIFICATE_YEAR).optional(),
  certificates: z
    .array(certificateSlot)
    .max(CERTIFICATE_SLOTS)
    .optional()
    .transform((slots) =>
      (slots ?? []).flatMap((s) =>
        s?.kind ? [{ kind: s.kind, name: s.name, number: s.number, year: s.year }] : [],
      ),
    ),
  startsOn: isoDate(),
});
export type WorkerInput = z.infer<typeof workerSchema>;

export const endEmploymentSchema = z.object({
  endsOn: isoDate(),
  endReason: optionalText(200),
});
export type EndEmploymentInput = z.infer<typeof endEmploymentSchema>;

/** The worker page: edit the record, or end the employment. */
export const workerPageSchema = z.discriminatedUnion("intent", [
  workerSchema.extend({ intent: z.literal("update") }),
  endEmploymentSchema.extend({ intent: z.literal("end") }),
]);
export type WorkerPageAction = z.infer<typeof workerPageSchema>;
export const workerPageIntents = intentList<WorkerPageAction["intent"]>()(["update", "end"]);

export const trainingSchema = z.object({
  regionId: idField(),
  heldOn: isoDate(),
  organizer: requiredText(80),
  topic: requiredText(120),
  hours: z.coerce
    .number({ required_error: "validation.required", invalid_type_error: "validation.number" })
    .min(0.5, "validation.min")
    .max(500, "validation.max"),
  outsideParticipants: optionalCount(100_000).default(0),
  workerIds: z.array(idField()).max(1000, "validation.max").default([]),
  notes: optionalText(500),
});
export type TrainingInput = z.infer<typeof trainingSchema>;

/** A training's page: edit it (from the version the form was rendered from, ADR 014), or delete it once confirmed. */
export const trainingPageSchema = z.discriminatedUnion("intent", [
  trainingSchema.extend({ intent: z.literal("update"), baseVersion: baseVersionField() }),
  z.object({
    intent: z.literal("delete"),
    confirm: confirmation("workforce:trainings.deleteConfirmRequired"),
  }),
]);
export type TrainingPageAction = z.infer<typeof trainingPageSchema>;
export type EditTrainingInput = Omit<Extract<TrainingPageAction, { intent: "update" }>, "intent">;
export const trainingPageIntents = intentList<TrainingPageAction["intent"]>()(["update", "delete"]);

export const workerStatusFilters = ["active", "ended"] as const;
