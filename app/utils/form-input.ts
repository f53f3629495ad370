// Checks every form field shares, whatever the module. Client-safe (Conform runs the schemas in the browser too);
// messages are i18n keys.

/**
 * Text a form may store: no NUL (PostgreSQL text cannot hold it, and a query with one fails), no other C0 control
 * character and no DEL; tab and line breaks stay allowed. Use as `.regex(ALLOWED_TEXT, INVALID_CHARACTERS)`, which
 * keeps the zod string chainable.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this refuses
export const ALLOWED_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export const INVALID_CHARACTERS = "validation.invalidCharacters";

/** True when the text holds a character no form field may store. */
export function hasForbiddenCharacters(value: string): boolean {
  return !ALLOWED_TEXT.test(value);
}
