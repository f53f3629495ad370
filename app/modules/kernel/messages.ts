// What a form says back: i18n keys, with their parameters as data (never encoded into the key). Client-safe: the
// same parser runs in the browser (Conform) and in the action.

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

// why: the zod-bound parser lives in its own module, so a page that only shows messages does not download zod; pages
// that check a form in the browser load it when the form is first used (kernel/parse-form.ts).
export { issueMessage, parseForm } from "./parse-form";
