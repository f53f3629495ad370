// How a person's details look masked (PIPL: least privilege); who sees them in full is access/contact.ts's decision.
// Pure and client-safe.

/** 139****1234: enough to recognise a number, not to call it. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s/g, "");
  if (digits.length <= 4) return "*".repeat(digits.length);
  if (digits.length <= 7) return `${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** The first few characters (usually the village) and no house number. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const chars = [...address];
  const keep = Math.min(4, Math.max(1, chars.length - 3));
  return `${chars.slice(0, keep).join("")}****`;
}

/** 扎*, 示*****仁: the first and (for longer names) the last character, for reminders and calendar feeds. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  let age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (day.slice(5) < birthDate.slice(5)) age--;
  return age;
}
