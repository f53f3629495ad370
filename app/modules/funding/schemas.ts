// Forms for funding sources, allocations (下拨) and expenditures (支出). Server-validated; messages are i18n keys.
import { z } from "zod";
import { expenditureCategories, fundingSourceKinds } from "#db/schema/funding";
import {
  enumField,
  idField,
  isoDate,
  optionalText,
  requiredText,
  yuanField,
} from "~/modules/kernel/form-fields";

export const fundingSourceSchema = z
  .object({
    name: requiredText(200),
    kind: enumField(fundingSourceKinds),
    donorProvince: optionalText(40),
    year: z.coerce
      .number({ required_error: "validation.required", invalid_type_error: "validation.integer" })
      .int("validation.integer")
      .min(2000, "validation.min")
      .max(2100, "validation.max"),
    regionId: idField(),
    total: yuanField(),
    notes: optionalText(1000),
  })
  .refine((s) => s.kind !== "paired_aid" || Boolean(s.donorProvince), {
    path: ["donorProvince"],
    message: "funding:validation.donorRequired",
  });

export type FundingSourceInput = z.infer<typeof fundingSourceSchema>;

export const allocationSchema = z.object({
  fundingSourceId: idField(),
  contractId: idField(),
  amount: yuanField(),
  allocatedOn: isoDate(),
  note: optionalText(500),
});

export type AllocationInput = z.infer<typeof allocationSchema>;

export const expenditureSchema = z.object({
  spentOn: isoDate(),
  category: enumField(expenditureCategories),
  amount: yuanField(),
  description: requiredText(500),
  activityId: idField().optional(),
});

export type ExpenditureInput = z.infer<typeof expenditureSchema>;

/** Reversing (冲销) a mistaken expenditure: which one, and why. */
export const expenditureReversalSchema = z.object({
  expenditureId: idField(),
  reason: requiredText(200),
});

export type ExpenditureReversalInput = z.infer<typeof expenditureReversalSchema>;

/** The expenditures page posts one of two forms; the record form predates intents and sends none. */
export const expenditureActionSchema = z.discriminatedUnion("intent", [
  expenditureSchema.extend({ intent: z.literal("record") }),
  expenditureReversalSchema.extend({ intent: z.literal("reverse") }),
]);
export type ExpenditureAction = z.infer<typeof expenditureActionSchema>;
