// Forms for people in care, shared by Conform in the browser and parseWithZod in actions. Messages are i18n keys.
import { z } from "zod";
import { personCategories, personStatuses, riskTiers, sexes } from "#db/schema/enums";
import {
  baseVersionField,
  confirmation,
  enumField,
  idField,
  isoDate,
  optionalText,
  requiredText,
} from "~/modules/kernel/form-fields";
import { enumParam, idParam } from "~/modules/kernel/search-params";
import { scheduleSchema } from "~/modules/visits/schemas";
import { birthDateOfIdNumber, idNumberProblem, normalizeIdNumber, sexOfIdNumber } from "./id-number";
import { majorEventKinds } from "./major-events";

const required = { required_error: "validation.required", invalid_type_error: "validation.required" };
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, "peopleRegister:errors.phone")
  .optional();

export const personFields = {
  fullName: requiredText(50),
  // Optional, but when given it is Tibetan script (not pinyin or Chinese typed in the wrong field).
  nameBo: optionalText(100).refine(
    (v) => !v || /^[\u0F00-\u0FFF\s]+$/u.test(v),
    "peopleRegister:errors.nameBoScript",
  ),
  sex: enumField(sexes),
  birthDate: isoDate(),
  villageId: idField(),
  stationId: idField().optional(),
  address: optionalText(200),
  phone,
  guardianName: optionalText(50),
  guardianPhone: phone,
  categories: z.array(enumField(personCategories), required).min(1, "peopleRegister:errors.categoryRequired"),
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
    ctx.addIssue({ code: "custom", path: ["idNumber"], message: `peopleRegister:errors.id.${problem}` });
    return;
  }
  if (value.birthDate && birthDateOfIdNumber(id) !== value.birthDate) {
    ctx.addIssue({ code: "custom", path: ["birthDate"], message: "peopleRegister:errors.birthDateMismatch" });
  }
  if (value.sex && sexOfIdNumber(id) !== value.sex) {
    ctx.addIssue({ code: "custom", path: ["sex"], message: "peopleRegister:errors.sexMismatch" });
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
    .object({ ...personFields, idNumber: z.string().trim().optional(), baseVersion: baseVersionField() })
    .superRefine((v, ctx) => {
      checkIdNumber(v, ctx, today);
      if (v.birthDate > today)
        ctx.addIssue({ code: "custom", path: ["birthDate"], message: "validation.futureDate" });
    })
    .transform((v) => ({ ...v, idNumber: v.idNumber ? normalizeIdNumber(v.idNumber) : undefined }));
}

export { type MajorEventKind, majorEventKinds } from "./major-events";

/** The forms on a person's file, one per intent. */
export function personFileActionSchema(today: string) {
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("reveal"), reason: requiredText(200) }),
    z.object({ intent: z.literal("risk"), riskTier: enumField(riskTiers), riskReason: requiredText(500) }),
    // No status is chosen by default, and the change is confirmed (file-changes.tsx says what it does).
    z.object({
      intent: z.literal("status"),
      status: z.enum(personStatuses, {
        errorMap: (issue) => ({
          message:
            issue.code === z.ZodIssueCode.invalid_type && issue.received === "undefined"
              ? "people:errors.chooseStatus"
              : "validation.choice",
        }),
      }),
      statusOn: isoDate().refine((d) => d <= today, "validation.futureDate"),
      statusReason: requiredText(500),
      confirm: confirmation("people:errors.confirmStatus"),
    }),
    z.object({
      intent: z.literal("event"),
      eventKind: enumField(majorEventKinds),
      eventNote: requiredText(500),
    }),
    scheduleSchema(today),
  ]);
}
export type PersonFileAction = z.infer<ReturnType<typeof personFileActionSchema>>;

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
  const q = search.get("q")?.trim().slice(0, 50);
  return {
    q: q || undefined,
    villageId: idParam(search, "village"),
    stationId: idParam(search, "station"),
    category: enumParam(search, "category", personCategories),
    status: enumParam(search, "status", [...personStatuses, "all"] as const) ?? "active",
    riskTier: enumParam(search, "risk", riskTiers),
    overdue: search.get("overdue") === "1" ? true : undefined,
  };
}
