import { z } from "zod";
import { locales } from "#db/schema/enums";
import { accountEmail } from "~/modules/kernel/form-fields";
import { ALLOWED_TEXT, INVALID_CHARACTERS } from "~/utils/form-input";

const password = () => z.string({ required_error: "validation.required" }).max(200, "validation.invalid");

/** A TOTP code or a recovery code. */
const secondFactorCode = () =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(6, "auth:twoFactor.wrongCode")
    .max(20, "auth:twoFactor.wrongCode");

export const signInSchema = z.object({
  email: accountEmail(),
  password: z
    .string({ required_error: "validation.required" })
    .min(1, "validation.required")
    .max(200, "validation.invalid"),
  redirectTo: z.string().optional(),
});

export const localeSchema = z.object({
  locale: z.enum(locales, { errorMap: () => ({ message: "validation.choice" }) }),
  redirectTo: z.string().optional(),
});

/** The header's role switch: one of the account's assignments (assignmentKey). */
export const actAsSchema = z.object({
  as: z
    .string({ required_error: "validation.required" })
    .regex(/^[a-z_]{1,20}:(all|\d{1,10})$/, "validation.choice"),
});

export const secondFactorSchema = z.object({
  code: secondFactorCode(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: password(),
    newPassword: password(),
    confirmPassword: password(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth:password.mismatch",
  });

export const enableTotpSchema = z.object({
  currentPassword: password(),
  code: z
    .string({ required_error: "validation.required" })
    .trim()
    .regex(/^\d{6}$/, "auth:twoFactor.wrongCode"),
});

export const reauthenticateSchema = z.object({
  intent: z.enum(["regenerate_codes", "disable"]),
  currentPassword: password(),
  code: secondFactorCode(),
});
export type ReauthenticateInput = z.infer<typeof reauthenticateSchema>;

export const breakGlassSchema = z.object({
  idNumber: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(15, "auth:glass.invalidIdNumber")
    .max(25, "auth:glass.invalidIdNumber"),
  reason: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(10, "validation.tooShort")
    .max(500, "validation.tooLong")
    .regex(ALLOWED_TEXT, INVALID_CHARACTERS),
});
