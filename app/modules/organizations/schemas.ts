// The organization form, validated on the server with Conform + Zod. Messages are i18n keys.
import { z } from "zod";
import { organizationKinds, organizationStatuses } from "#db/schema/organizations";
import {
  enumField,
  idField,
  optionalIsoDate,
  optionalText,
  requiredText,
} from "~/modules/kernel/form-fields";
import { diagnoseCreditCode } from "./credit-code";

export const organizationSchema = z.object({
  name: requiredText(120),
  creditCode: z
    .string({ required_error: "validation.required" })
    // why: people paste codes with spaces around them; inner spaces are still reported as wrong characters.
    .trim()
    .superRefine((code, ctx) => {
      // The message says exactly what is wrong: its length, or which characters.
      const d = diagnoseCreditCode(code);
      if (d)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `organizations:creditCode.${d.problem}`,
          params: { length: d.length, chars: d.chars },
        });
    }),
  kind: enumField(organizationKinds),
  regionId: idField(),
  registeredOn: optionalIsoDate(),
  hasPartyBranch: z.boolean().default(false),
  contactName: optionalText(60),
  contactPhone: optionalText(40),
  contactEmail: z.string().trim().email("validation.email").max(254).optional(),
  address: optionalText(200),
  status: enumField(organizationStatuses).default("active"),
});

export type OrganizationInput = z.infer<typeof organizationSchema>;

export const organizationFilterKeys = ["q", "kind", "status", "party", "region"] as const;
