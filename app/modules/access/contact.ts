// Whether a user sees a person's phone numbers and address in full (PIPL: least privilege): the one decision every
// file, household, conflict and export asks, through the permission table. Pure and client-safe.
import type { Role } from "#db/schema/enums";
import { maskAddress, maskPhone } from "~/modules/kernel/masking";
import { roleHas } from "./permissions";

/** Station staff visit people and planners manage their files (`unmask:person_contact`); everyone else sees masks. */
export function seesContactDetails(user: { role: Role }): boolean {
  return roleHas(user.role, "unmask:person_contact");
}

const masks = { phone: maskPhone, guardianPhone: maskPhone, address: maskAddress } as const;
type ContactField = keyof typeof masks;

/**
 * `values` with their phone, guardian's phone and address as the user may see them: in full when the role sees
 * contact details (and `full`, which an export without a reason turns off), masked otherwise. Other fields, and
 * contact fields that are not text, pass unchanged.
 */
export function shownContact<T extends Partial<Record<ContactField, unknown>>>(
  user: { role: Role },
  values: T,
  { full = true }: { full?: boolean } = {},
): T {
  if (full && seesContactDetails(user)) return values;
  const out: Partial<Record<ContactField, unknown>> = { ...values };
  for (const field of Object.keys(masks) as ContactField[]) {
    const value = out[field];
    if (typeof value === "string") out[field] = masks[field](value);
  }
  return out as T;
}
