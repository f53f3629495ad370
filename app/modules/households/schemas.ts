// Household forms, shared by Conform in the browser and parseForm in actions. Messages are i18n keys.
import { z } from "zod";
import { visitOutcomes } from "#db/schema/enums";
import {
  baseVersionField,
  enumField,
  idField,
  optionalText,
  requiredText,
} from "~/modules/kernel/form-fields";
import { visitActionSchema } from "~/modules/visits/schemas";
import { isIsoDate } from "~/utils/dates";
import { memberRelations } from "./relations";

const relation = enumField(memberRelations);

export const householdNumber = requiredText(40);

export const createHouseholdSchema = z.object({
  personId: idField(),
  number: householdNumber,
  address: optionalText(200),
});

/** The household page's forms: add a member, remove one, hand the head to another member. */
export const householdActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add_member"), personId: idField(), relation }),
  z.object({ intent: z.literal("remove_member"), personId: idField() }),
  z.object({ intent: z.literal("set_head"), personId: idField(), formerHeadRelation: relation }),
]);
export type HouseholdAction = z.infer<typeof householdActionSchema>;

const memberOutcome = z.object({
  visitId: idField(),
  baseVersion: baseVersionField(),
  /** Empty: this member's visit is not recorded by this form. */
  outcome: z.enum(visitOutcomes, { errorMap: () => ({ message: "validation.choice" }) }).optional(),
  notes: optionalText(2000),
  followUpReason: optionalText(500),
  followUpOn: z.string().optional(),
  returnOn: z.string().optional(),
  destination: optionalText(200),
});
export type MemberOutcome = z.infer<typeof memberOutcome>;

/**
 * One visit to a household: the day (and time) for all, an outcome per member. Each member's outcome is checked as
 * the visit's own form checks it (visits/schemas.ts), its problems shown next to that member's fields.
 */
export function householdVisitSchema(today: string) {
  const single = visitActionSchema(today);
  return z
    .object({
      visitedOn: z
        .string({ required_error: "validation.required" })
        .refine(isIsoDate, "validation.date")
        .refine((d) => d <= today, "validation.futureDate"),
      visitedTime: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "visits:errors.visitedTime")
        .optional(),
      members: z.array(memberOutcome).max(50, "validation.max").default([]),
    })
    .superRefine((v, ctx) => {
      if (!v.members.some((m) => m.outcome)) {
        ctx.addIssue({ code: "custom", path: [], message: "households:errors.noOutcome" });
        return;
      }
      v.members.forEach((m, i) => {
        if (!m.outcome) return;
        const checked = single.safeParse({
          intent: "record",
          outcome: m.outcome,
          visitedOn: v.visitedOn,
          visitedTime: v.visitedTime,
          notes: m.notes,
          followUpReason: m.followUpReason,
          followUpOn: m.followUpOn,
          returnOn: m.returnOn,
          destination: m.destination,
        });
        if (checked.success) return;
        for (const issue of checked.error.issues) {
          const field = String(issue.path[0] ?? "outcome");
          // The day and time are the household's, checked above.
          if (field === "visitedOn" || field === "visitedTime") continue;
          ctx.addIssue({
            code: "custom",
            path: ["members", i, field === "toStationId" ? "destination" : field],
            message: issue.message,
            params: issue.code === "custom" ? issue.params : undefined,
          });
        }
      });
    });
}
export type HouseholdVisitInput = z.infer<ReturnType<typeof householdVisitSchema>>;
