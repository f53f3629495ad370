// The admin reminder page's forms. Client-safe.
import { z } from "zod";
import { isDbIdText } from "~/utils/ids";

export const reminderActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("scan") }),
  // why: digits only, as the route's other ids: "1e3" names no reminder, it is refused rather than read as 1000.
  z.object({
    intent: z.literal("retry"),
    id: z.string().refine(isDbIdText, "validation.choice").transform(Number),
  }),
  z.object({ intent: z.literal("retry-all") }),
]);
export type ReminderAction = z.infer<typeof reminderActionSchema>;
