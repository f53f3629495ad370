// The structured home-visit record (入户走访记录), in one place: the form's fields, the stored JSON (visits.record,
// versioned by `v`), and turning one into the other. Client-safe. Referrals are also rows of their own (referrals
// table) so they stay open until a result is recorded; the JSON keeps what was referred on the day.
import { z } from "zod";
import { referralKinds } from "#db/schema/enums";
import { optionalText } from "~/modules/kernel/form-fields";

export const RECORD_VERSION = 1;

import {
  foodOptions,
  heatingOptions,
  housingOptions,
  needKinds,
  presentOptions,
  seenOptions,
  waterOptions,
} from "./record-options";

export type { NeedKind } from "./record-options";
export { foodOptions, heatingOptions, housingOptions, needKinds, presentOptions, seenOptions, waterOptions };

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: "validation.choice" }) });
/** A checkbox group: one value comes as a string, several as an array, none as undefined. */
const checklist = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(choice(values)).max(20));

/** The record's form fields, flat, beside the outcome's. Without `seen` there is no structured record. */
export const recordFormFields = {
  seen: choice(seenOptions).optional(),
  present: checklist(presentOptions),
  housing: choice(housingOptions).optional(),
  heating: choice(heatingOptions).optional(),
  water: choice(waterOptions).optional(),
  food: choice(foodOptions).optional(),
  health: optionalText(500),
  careNeeds: optionalText(500),
  needs: checklist(needKinds),
  needsText: optionalText(500),
  services: optionalText(500),
  referrals: checklist(referralKinds),
  referralNote: optionalText(300),
};

const recordForm = z.object(recordFormFields);
export type RecordFormValues = z.infer<typeof recordForm>;

/** What visits.record holds, version 1. */
export const visitRecordSchema = z.object({
  v: z.literal(RECORD_VERSION),
  seen: choice(seenOptions),
  present: z.array(choice(presentOptions)),
  housing: choice(housingOptions).nullable(),
  heating: choice(heatingOptions).nullable(),
  water: choice(waterOptions).nullable(),
  food: choice(foodOptions).nullable(),
  health: z.string().nullable(),
  careNeeds: z.string().nullable(),
  needs: z.array(choice(needKinds)),
  needsText: z.string().nullable(),
  services: z.string().nullable(),
  referrals: z.array(z.object({ kind: choice(referralKinds), note: z.string().nullable() })),
});
export type VisitRecord = z.infer<typeof visitRecordSchema>;

/** The stored record for what the form sent, or null when the worker filled none of it in. */
export function recordFromForm(v: Partial<RecordFormValues>): VisitRecord | null {
  if (!v.seen) return null;
  return visitRecordSchema.parse({
    v: RECORD_VERSION,
    seen: v.seen,
    present: v.present ?? [],
    housing: v.housing ?? null,
    heating: v.heating ?? null,
    water: v.water ?? null,
    food: v.food ?? null,
    health: v.health ?? null,
    careNeeds: v.careNeeds ?? null,
    needs: v.needs ?? [],
    needsText: v.needsText ?? null,
    services: v.services ?? null,
    referrals: (v.referrals ?? []).map((kind) => ({ kind, note: v.referralNote ?? null })),
  });
}

/** A stored record read back (null for visits without one, or a shape this version does not know). */
export function readRecord(value: unknown): VisitRecord | null {
  const parsed = visitRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Checks across the record's fields: a need or a referral says somebody was met. */
export function recordProblem(v: Partial<RecordFormValues>): { path: string; message: string } | null {
  if (!v.seen && ((v.needs?.length ?? 0) > 0 || (v.referrals?.length ?? 0) > 0))
    return { path: "seen", message: "visits:errors.recordNeedsSeen" };
  if (v.needs?.includes("other") && !v.needsText)
    return { path: "needsText", message: "visits:errors.needsOtherText" };
  return null;
}
