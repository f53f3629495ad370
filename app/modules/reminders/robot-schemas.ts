// The group robot settings' forms (/admin/robots). Client-safe.
import { z } from "zod";
import { robotKinds } from "#db/schema/robots";
import { isDbIdText } from "~/utils/ids";

const dbId = z.string().refine(isDbIdText, "validation.choice").transform(Number);

/** "region:12" or "facility:34": where the robot belongs. */
const target = z
  .string()
  .regex(/^(region|facility):[1-9][0-9]{0,9}$/, "validation.choice")
  .transform((v) => {
    const [kind, id] = v.split(":");
    return { kind: kind as "region" | "facility", id: Number(id) };
  });

export const robotActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    target,
    kind: z.enum(robotKinds, { errorMap: () => ({ message: "validation.choice" }) }),
    url: z
      .string({ required_error: "validation.required" })
      .trim()
      .url("reminders:robots.badUrl")
      .max(500, "validation.tooLong"),
    /** DingTalk's signing secret (SEC…); blank keeps the one stored when the robot is saved again. */
    secret: z
      .string()
      .trim()
      .max(200, "validation.tooLong")
      .optional()
      .transform((v) => v || null),
  }),
  z.object({ intent: z.literal("remove"), id: dbId }),
  z.object({ intent: z.literal("test"), id: dbId }),
]);
export type RobotAction = z.infer<typeof robotActionSchema>;
export type RobotSave = Extract<RobotAction, { intent: "save" }>;
