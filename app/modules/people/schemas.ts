// Forms for people in care, shared by Conform in the browser and parseWithZod in actions. Messages are i18n keys.
import { z } from "zod";
import { personCategories, personStatuses, riskTiers, sexes } from "#db/schema/people";
import { isIsoDate } from "~/utils/dates";
import { ALLOWED_TEXT, INVALID_CHARACTERS } from "~/utils/form-input";
import { isDbIdText, MAX_DB_ID } from "~/utils/ids";
import { birthDateOfIdNumber, idNumberProblem, normalizeIdNumber, sexOfIdNumber } from "./id-number";

const required = { required_error: "validation.required", invalid_type_error: "validation.required" };
const tooLong = (max: number) => `validation.tooLong|${JSON.stringify({ max })}`;

const text = (max: number) =>
  z
    .string(required)
    .trim()
    .min(1, "validation.required")
    .max(max, tooLong(max))
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS);
const optionalText = (max: number) =>
  z.string().trim().max(max, tooLong(max)).regex(ALLOWED_TEXT, INVALID_CHARACTERS).optional();
const isoDate = z.string(required).refine(isIsoDate, "validation.date");
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, "people:errors.phone")
  .optional();

export const personFields = {
  fullName: text(50),
  sex: z.enum(sexes, { errorMap: () => ({ message: "validation.choice" }) }),
  birthDate: isoDate,
  villageId: z.coerce
    .number(required)
    .int("validation.choice")
    .positive("validation.choice")
    .max(MAX_DB_ID, "validation.choice"),
  stationId: z.coerce.number().int().positive().max(MAX_DB_ID, "validation.choice").optional(),
  address: optionalText(200),
  phone,
  guardianName: optionalText(50),
  guardianPhone: phone,
  categories: z
    .array(z.enum(personCategories, { errorMap: () => ({ message: "validation.choice" }) }), required)
    .min(1, "people:errors.categoryRequired"),
  notes: optionalText(2000),
};

/** Checks the ID number against itself (GB 11643 check character, a real birth date) and against the form. */
function checkIdNumber(
  value: { idNumber?: string; birthDate?: string; sex?: string },
  ctx: z.RefinementCtx,
  today: string,
) {
  if (!value.idNumber) return;
  const id = normalizeIdNumber(value.idNumber);
  const problem = idNumberProblem(id, today);
  if (problem) {
    ctx.addIssue({ code: "custom", path: ["idNumber"], message: `people:errors.id.${problem}` });
    return;
  }
  if (value.birthDate && birthDateOfIdNumber(id) !== value.birthDate) {
    ctx.addIssue({ code: "custom", path: ["birthDate"], message: "people:errors.birthDateMismatch" });
  }
  if (value.sex && sexOfIdNumber(id) !== value.sex) {
    ctx.addIssue({ code: "custom", path: ["sex"], message: "people:errors.sexMismatch" });
  }
}

export function createPersonSchema(today: string) {
  return z
    .object({
      ...personFields,
      idNumber: z.string(required).trim().min(1, "validation.required"),
      riskTier: z.enum(riskTiers).default("normal"),
      riskReason: optionalText(500),
    })
    .superRefine((v, ctx) => {
      checkIdNumber(v, ctx, today);
      if (v.birthDate > today)
        ctx.addIssue({ code: "custom", path: ["birthDate"], message: "validation.futureDate" });
      if (v.riskTier !== "normal" && !v.riskReason)
        ctx.addIssue({ code: "custom", path: ["riskReason"], message: "people:errors.riskReasonRequired" });
    })
    .transform((v) => ({ ...v, idNumber: normalizeIdNumber(v.idNumber) }));
}

/** Editing: a blank ID number keeps the stored one (which the form never shows). */
export function editPersonSchema(today: string) {
  return z
    .object({ ...personFields, idNumber: z.string().trim().optional() })
    .superRefine((v, ctx) => {
      checkIdNumber(v, ctx, today);
      if (v.birthDate > today)
        ctx.addIssue({ code: "custom", path: ["birthDate"], message: "validation.futureDate" });
    })
    .transform((v) => ({ ...v, idNumber: v.idNumber ? normalizeIdNumber(v.idNumber) : undefined }));
}

export const riskTierSchema = z
  .object({
    riskTier: z.enum(riskTiers, { errorMap: () => ({ message: "validation.choice" }) }),
    riskReason: text(500),
  })
  .strict();

export const statusChangeSchema = (today: string) =>
  z
    .object({
      status: z.enum(personStatuses, { errorMap: () => ({ message: "validation.choice" }) }),
      statusOn: isoDate.refine((d) => d <= today, "validation.futureDate"),
      statusReason: text(500),
    })
    .strict();

export const majorEventKinds = ["fire", "illness", "death_in_family", "disaster", "other"] as const;
export type MajorEventKind = (typeof majorEventKinds)[number];

export const majorEventSchema = z.object({
  eventKind: z.enum(majorEventKinds, { errorMap: () => ({ message: "validation.choice" }) }),
  eventNote: text(500),
});

export const revealReasonSchema = z.object({ reason: text(200) });

export const exportSchema = z.object({
  unmasked: z.literal("1").optional(),
  reason: optionalText(200),
});

/** List filters from the query string; anything malformed is dropped rather than rejected. */
export type PeopleFilters = {
  q?: string;
  villageId?: number;
  stationId?: number;
  category?: (typeof personCategories)[number];
  status?: (typeof personStatuses)[number] | "all";
  riskTier?: (typeof riskTiers)[number];
  overdue?: boolean;
};

export function peopleFiltersFrom(search: URLSearchParams): PeopleFilters {
  const id = (key: string) => {
    const v = search.get(key);
    return isDbIdText(v) ? Number(v) : undefined;
  };
  const oneOf = <T extends string>(key: string, values: readonly T[]) => {
    const v = search.get(key);
    return v && (values as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const q = search.get("q")?.trim().slice(0, 50);
  return {
    q: q || undefined,
    villageId: id("village"),
    stationId: id("station"),
    category: oneOf("category", personCategories),
    status: oneOf("status", [...personStatuses, "all"] as const) ?? "active",
    riskTier: oneOf("risk", riskTiers),
    overdue: search.get("overdue") === "1" ? true : undefined,
  };
}
