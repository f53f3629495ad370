// The contract form and the lifecycle actions, validated on the server. Messages are i18n keys.
import { z } from "zod";
import { procurementMethods } from "#db/schema/contracts";
import {
  confirmation,
  enumField,
  idField,
  isoDate,
  optionalCount,
  optionalText,
  requiredText,
  yuanField,
} from "~/modules/kernel/form-fields";

/** "facility:12" or "project:3": a contract runs exactly one of them. */
export const subjectPattern = /^(facility|project):([1-9]\d{0,9})$/;

export function parseSubject(value: string): { kind: "facility" | "project"; id: number } {
  const m = subjectPattern.exec(value)!;
  return { kind: m[1] as "facility" | "project", id: Number(m[2]) };
}

export const contractSchema = z
  .object({
    code: requiredText(60),
    title: requiredText(200),
    organizationId: idField(),
    subject: z.string({ required_error: "validation.required" }).regex(subjectPattern, "validation.choice"),
    startsOn: isoDate(),
    endsOn: isoDate(),
    amount: yuanField(),
    procurementMethod: enumField(procurementMethods),
    activitiesPerMonth: optionalCount(1000),
    personTimesPerYear: optionalCount(10_000_000),
    homeVisitsPerPersonPerYear: optionalCount(365),
    peopleServed: optionalCount(1_000_000),
    deliverableNotes: optionalText(1000),
    /** On create: save as a draft, or save and put into force at once. */
    intent: z.enum(["draft", "activate"]).default("draft"),
  })
  .refine((c) => c.endsOn >= c.startsOn, { path: ["endsOn"], message: "validation.endBeforeStart" });

export type ContractInput = z.infer<typeof contractSchema>;

export const lifecycleIntents = ["activate", "complete", "terminate"] as const;
export type LifecycleIntent = (typeof lifecycleIntents)[number];

/** Closing a contract cannot be undone: the form asks the user to confirm what it ends (contract-detail.tsx). */
export const lifecycleSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("activate") }),
  z.object({
    intent: z.literal("complete"),
    reason: optionalText(500),
    confirm: confirmation("contracts:errors.confirmComplete"),
  }),
  z.object({
    intent: z.literal("terminate"),
    reason: requiredText(500),
    confirm: confirmation("contracts:errors.confirmTerminate"),
  }),
]);

/** What the module needs to move a contract along; the confirmation is the form's, checked by the schema. */
export type LifecycleInput =
  | { intent: "activate" }
  | { intent: "complete"; reason?: string }
  | { intent: "terminate"; reason: string };
