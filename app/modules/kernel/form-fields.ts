// Zod field builders shared by the forms (contracts, organizations, projects, funding, accounts, …). Client-safe; messages are
// i18n keys (see app/components/ui/field.tsx). Conform turns empty inputs into undefined before these run.
import { z } from "zod";
import { isIsoDate } from "~/utils/dates";
import { ALLOWED_TEXT, INVALID_CHARACTERS } from "~/utils/form-input";
import { parseYuanToFen } from "~/utils/format";
import { MAX_DB_ID } from "~/utils/ids";

export const requiredText = (max: number) =>
  z
    .string({ required_error: "validation.required", invalid_type_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS);

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS)
    .optional()
    .transform((v) => (v ? v : undefined));

/** An account's e-mail address, compared in lower case (sign-in and the user form). */
export const accountEmail = () =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .toLowerCase()
    .max(254, "validation.invalid")
    .email("validation.email");

export const isoDate = () =>
  z.string({ required_error: "validation.required" }).trim().refine(isIsoDate, "validation.date");

export const optionalIsoDate = () => z.string().trim().refine(isIsoDate, "validation.date").optional();

export const idField = () =>
  z.coerce
    .number({ required_error: "validation.required", invalid_type_error: "validation.choice" })
    .int("validation.choice")
    .positive("validation.choice")
    .max(MAX_DB_ID, "validation.choice");

/** A yuan amount typed by a person ("1,234.50") as integer fen; `allowZero` for totals that may start empty. */
export const yuanField = ({ allowZero = false }: { allowZero?: boolean } = {}) =>
  z.string({ required_error: "validation.required" }).transform((value, ctx) => {
    const fen = parseYuanToFen(value);
    if (fen == null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "funding:validation.amount" });
      return z.NEVER;
    }
    if (!allowZero && fen <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "funding:validation.amountPositive" });
      return z.NEVER;
    }
    return fen;
  });

/** A whole number of things (activities, person-times), optional; 0 is allowed. */
export const optionalCount = (max = 1_000_000) =>
  z.coerce
    .number({ invalid_type_error: "validation.integer" })
    .int("validation.integer")
    .min(0, "validation.min")
    .max(max, "validation.max")
    .optional();

/**
 * The box a user ticks to confirm a state change that is hard to take back (closing a contract, suspending a
 * station, taking a person off the register); the form's label says what will happen. `message` when unticked.
 */
export const confirmation = (message: string) => z.literal("1", { errorMap: () => ({ message }) });

export function enumField<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    errorMap: (issue) => ({
      message:
        issue.code === z.ZodIssueCode.invalid_type && issue.received === "undefined"
          ? "validation.required"
          : "validation.choice",
    }),
  });
}

/**
 * The version of the row an edit form was rendered from (hidden `baseVersion`, ADR 014). Absent (old clients): the
 * write is not checked against it.
 */
export const baseVersionField = () => z.coerce.number().int().min(1).max(MAX_DB_ID).optional();
