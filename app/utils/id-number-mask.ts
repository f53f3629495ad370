// Masking resident identity card numbers wherever text leaves the app's hands (logs, audit entries, search audit):
// shared by app/utils (the logger) and the modules, so it lives below both.

/** 5425**********123X: enough to tell files apart, not enough to use the number. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${"*".repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}

/**
 * An ID number as people type it: 17 digits and a check character, with spaces or dashes anywhere between them
 * ("5425 2219 8505 2298 55", "542522-19850522-9855"). Not preceded or followed by another digit, so longer digit
 * runs (phone numbers with area codes, amounts) are left alone.
 */
const typedIdNumber = /(?<![0-9])[0-9](?:[\s\-‐-―－]*[0-9]){16}[\s\-‐-―－]*[0-9Xx](?![0-9])/g;

/** Replaces every ID number in a text, however it was typed, by its masked form; before anything is logged. */
export function maskIdNumbersIn(text: string): string {
  return text.replace(typedIdNumber, (typed) => maskIdNumber(typed.replace(/[^0-9Xx]/g, "").toUpperCase()));
}
