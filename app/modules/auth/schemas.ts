import { z } from "zod";

export const signInSchema = z.object({
  email: z
    .string({ required_error: "validation.required" })
    .trim()
    .toLowerCase()
    .max(254, "validation.invalid")
    .email("validation.email"),
  password: z
    .string({ required_error: "validation.required" })
    .min(1, "validation.required")
    .max(200, "validation.invalid"),
  redirectTo: z.string().optional(),
});

export const localeSchema = z.object({
  locale: z.enum(["zh-CN", "en"], { errorMap: () => ({ message: "validation.choice" }) }),
  redirectTo: z.string().optional(),
});
