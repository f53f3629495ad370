// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters, the last a check character.
// Pure functions, client-safe: forms can check as the user types, the server checks again.

/** The 31 characters the standard uses: 0-9 and A-Z without I, O, S, V, Z. */
const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = "length" | "lowercase" | "excluded" | "charset" | "check";

/** What is wrong with a code, precisely enough for a message: the problem, and the characters at fault. */
export type CreditCodeDiagnosis = { problem: CreditCodeProblem; length: number; chars: string } | null;

/** Letters the standard leaves out because they are easily confused with digits or each other. */
const CREDIT_CODE_EXCLUDED = "IOSVZ";

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  const value = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[value];
}

const distinct = (chars: string[]) => [...new Set(chars)].join("");

/**
 * null when valid; otherwise what is wrong, checked in the order a person fixes things: length, lowercase
 * letters (the standard uses capitals), the letters I O S V Z it excludes, other characters, the check character.
 */
export function diagnoseCreditCode(code: string): CreditCodeDiagnosis {
  const chars = [...code];
  const at = (problem: CreditCodeProblem, bad: string[] = []) => ({
    problem,
    length: chars.length,
    chars: distinct(bad),
  });
  if (chars.length !== 18) return at("length");
  const lowercase = chars.filter((ch) => /[a-z]/.test(ch));
  if (lowercase.length) return at("lowercase", lowercase);
  const excluded = chars.filter((ch) => CREDIT_CODE_EXCLUDED.includes(ch));
  if (excluded.length) return at("excluded", excluded);
  const other = chars.filter((ch) => !CREDIT_CODE_CHARSET.includes(ch));
  if (other.length) return at("charset", other);
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : at("check", [code[17]]);
}

/** null when valid; otherwise the kind of problem. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  return diagnoseCreditCode(code)?.problem ?? null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** GB 11714 check character of the 9-character organization code embedded at positions 9–17. */
function organizationCodeCheckChar(first8: string): string {
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
