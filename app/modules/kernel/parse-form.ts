// Parsing a form with a zod schema into messages (kernel/messages.ts): the same parser runs in the action and, once
// loaded, in the browser (Conform's onValidate, or checked-form.ts's check). Kept apart from messages.ts so that zod
// is not in a page's first download where only messages are shown.
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import type { Message } from "./messages";

const message = (key: string, values: Record<string, string | number>): Message => ({ key, values });

/**
 * A zod issue as a message: its text is the key, and the bound a length or range check carries becomes its value,
 * so a schema writes `.max(100, "validation.tooLong")` and the reader sees "at most 100 characters".
 */
export function issueMessage(issue: z.ZodIssue): Message {
  if (issue.code === "too_small" && typeof issue.minimum !== "bigint")
    return message(issue.message, { min: Number(issue.minimum) });
  if (issue.code === "too_big" && typeof issue.maximum !== "bigint")
    return message(issue.message, { max: Number(issue.maximum) });
  if (issue.code === "custom" && issue.params) return message(issue.message, issue.params);
  return issue.message;
}

/** parseWithZod whose errors are messages: for actions, `useForm({ onValidate })` and a checked form's `validate`. */
export function parseForm<Schema extends z.ZodTypeAny>(payload: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(payload, {
    schema,
    formatError: (issues: z.ZodIssue[]) => issues.map(issueMessage),
  });
}
