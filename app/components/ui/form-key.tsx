// The form key every write form carries, so a repeated post (double click, resend after a dropped link) stores once.
// The loader makes the key (`newFormKey()`); the action reads it with `formKeyFrom(formData)`. See ADR 008.
import { IDEMPOTENCY_FIELD } from "~/modules/kernel/form-key";

export function FormKey({ value }: { value: string | null | undefined }) {
  return <input type="hidden" name={IDEMPOTENCY_FIELD} value={value ?? ""} />;
}
