// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters, the last a check character.
// Pure functions, client-safe: forms can check as the user types, the server checks again.

/** The 31 characters the standard uses: 0-9 and A-Z without I, O, S, V, Z. */
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = "length" | "charset" | "check";

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  const value = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[value];
}

/** null when valid; otherwise what is wrong. Lowercase letters are not accepted: the standard uses capitals. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return "charset";
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : "check";
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** GB 11714 check character of the 9-character organization code embedded at positions 9–17. */
export function organizationCodeCheckChar(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += alphabet.indexOf(first8[i]) * weights[i];
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/**
 * Builds a well-formed code for demo data: registration authority 5 (civil affairs), an organization type,
 * the 6-digit region code, a synthetic organization code with its own check character, the final check.
 */
export function buildCreditCode({
  type,
  regionCode6,
  serial,
}: {
  type: "1" | "2" | "3" | "9";
  regionCode6: string;
  serial: number;
}): string {
  const body8 = `MJ${String(serial).padStart(6, "0")}`;
  const first17 = `5${type}${regionCode6}${body8}${organizationCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}
