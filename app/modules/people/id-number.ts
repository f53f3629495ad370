// Resident identity card numbers (公民身份号码), GB 11643-1999: 6-digit region, 8-digit birth date,
// 3-digit sequence (odd for men, even for women), and a check character. Pure, client-safe.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export type IdNumberProblem = "format" | "birthDate" | "check";

export function normalizeIdNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** The birth date the number encodes, 'YYYY-MM-DD', or null if it is not a real date. */
export function birthDateOfIdNumber(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1890 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** null when valid; `today` ('YYYY-MM-DD') rejects birth dates in the future. */
export function idNumberProblem(id: string, today?: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return "format";
  const birth = birthDateOfIdNumber(id);
  if (!birth || (today && birth > today)) return "birthDate";
  return idNumberCheckChar(id.slice(0, 17)) === id[17] ? null : "check";
}

export function sexOfIdNumber(id: string): "male" | "female" {
  return Number(id[16]) % 2 === 1 ? "male" : "female";
}

export function buildIdNumber({
  region6,
  birthDate,
  sequence,
}: {
  region6: string;
  birthDate: string;
  sequence: number;
}): string {
  const first17 = `${region6}${birthDate.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}
