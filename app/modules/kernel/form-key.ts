// Form keys (ADR 008): a random id a form carries in a hidden field, so a repeated post stores once. Client-safe:
// the field component and the offline outbox use it too.
export const IDEMPOTENCY_FIELD = "_key";
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh key for a form render. */
export function newFormKey(): string {
  return crypto.randomUUID();
}

/** The form's key, or null when it sent none or a malformed one. */
export function formKeyFrom(formData: FormData): string | null {
  const key = formData.get(IDEMPOTENCY_FIELD);
  return typeof key === "string" && uuidPattern.test(key) ? key.toLowerCase() : null;
}
