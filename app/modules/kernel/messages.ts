// What a form says back: i18n keys, with their parameters as data (never encoded into the key). Client-safe: the
// same parser runs in the browser (Conform) and in the action.
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";

/** An i18n key, or a key with the values its text interpolates ("at most {{max}} characters"). */
export type Message = string | { key: string; values: Record<string, string | number> };

/** Errors the user can fix: for the whole form, and by field name. */
export type Problems = { formErrors?: Message[]; fieldErrors?: Record<string, Message[]> };

export const message = (key: string, values: Record<string, string | number>): Message => ({ key, values });

export const fieldProblem = (field: string, text: Message): Problems => ({
  fieldErrors: { [field]: [text] },
});
export const formProblem = (text: Message): Problems => ({ formErrors: [text] });

/** Every message of a refusal in one list, for a page that shows them together (a map panel, a banner). */
export const problemMessages = ({ formErrors, fieldErrors }: Problems): Message[] => [
  ...(formErrors ?? []),
  ...Object.values(fieldErrors ?? {}).flat(),
];

/** The key of a message, for comparisons in tests and for logs. */
export const messageKey = (m: Message): string => (typeof m === "string" ? m : m.key);

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

/** parseWithZod whose errors are messages: use it in actions and in `useForm({ onValidate })` alike. */
export function parseForm<Schema extends z.ZodTypeAny>(payload: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(payload, {
    schema,
    formatError: (issues: z.ZodIssue[]) => issues.map(issueMessage),
  });
}
