import { z } from "zod";
import { roles } from "#db/schema/enums";
import { accountEmail } from "~/modules/kernel/form-fields";
import { ALLOWED_TEXT, INVALID_CHARACTERS } from "~/utils/form-input";
import { MAX_DB_ID } from "~/utils/ids";

const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce.number().int().positive().max(MAX_DB_ID).optional(),
);

export const userFormSchema = z
  .object({
    email: accountEmail(),
    name: z
      .string({ required_error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(100, "validation.tooLong")
      .regex(ALLOWED_TEXT, INVALID_CHARACTERS),
    role: z.enum(roles, { errorMap: () => ({ message: "validation.choice" }) }),
    regionId: optionalId,
    organizationId: optionalId,
    facilityId: optionalId,
    isStationHead: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
    phone: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .trim()
        .regex(/^[0-9+\- ]{5,20}$/, "validation.invalid")
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    const need = {
      planner: "regionId",
      auditor: "regionId",
      org_staff: "organizationId",
      station_staff: "facilityId",
    } as const;
    const field = v.role === "admin" ? null : need[v.role];
    if (field && !v[field])
      ctx.addIssue({ code: "custom", path: [field], message: "admin:users.scopeRequired" });
  });

/** A further role for an account: staff of another station or organization, or a planner elsewhere. */
const addRoleObject = z.object({
  intent: z.literal("add_role"),
  role: z.enum(["planner", "org_staff", "station_staff"], {
    errorMap: () => ({ message: "validation.choice" }),
  }),
  regionId: optionalId,
  organizationId: optionalId,
  facilityId: optionalId,
  isStationHead: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
});

const removeRoleObject = z.object({
  intent: z.literal("remove_role"),
  assignmentId: z.coerce.number().int().positive().max(MAX_DB_ID),
});

/** The further-roles card of an account: add one (with the scope its role needs) or remove one. */
export const roleIntentSchema = z
  .discriminatedUnion("intent", [addRoleObject, removeRoleObject])
  .superRefine((v, ctx) => {
    if (v.intent !== "add_role") return;
    const field = (
      { planner: "regionId", org_staff: "organizationId", station_staff: "facilityId" } as const
    )[v.role];
    if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: "admin:users.scopeRequired" });
  });
export type AddRole = z.infer<typeof addRoleObject>;
export type RoleIntent = z.infer<typeof roleIntentSchema>;

export const userActionSchema = z.object({
  intent: z.enum(["disable", "enable", "end_sessions", "reset_two_factor", "reset_password"]),
});
export const USERS_PAGE_SIZE = 50;
