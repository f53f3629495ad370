// The review list's two forms (client-safe): merge a pair into the file the planner keeps, or mark it two people.
import { z } from "zod";
import { confirmation, idField, optionalText, requiredText } from "~/modules/kernel/form-fields";

const pair = { aId: idField(), bId: idField() };

export const duplicateActionSchema = z
  .discriminatedUnion("intent", [
    z.object({
      intent: z.literal("merge"),
      ...pair,
      // No file is kept by default: the planner chooses, seeing both.
      keepId: idField().optional(),
      reason: requiredText(200),
      confirm: confirmation("duplicates:errors.confirmMerge"),
    }),
    z.object({ intent: z.literal("different"), ...pair, reason: optionalText(200) }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent !== "merge") return;
    if (v.keepId === undefined)
      ctx.addIssue({ code: "custom", path: ["keepId"], message: "duplicates:errors.chooseKeep" });
    else if (v.keepId !== v.aId && v.keepId !== v.bId)
      ctx.addIssue({ code: "custom", path: ["keepId"], message: "validation.choice" });
  });
export type DuplicateAction = z.infer<typeof duplicateActionSchema>;
