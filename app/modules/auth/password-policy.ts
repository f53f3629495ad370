// Password rules (OWASP ASVS 5.0 L2): at least 8 characters, at most 128, not a common password, not the
// email address. No composition rules and no forced periodic change (see docs/decisions/004).
import { commonPasswords } from "./common-passwords";

export const PASSWORD_MIN = 8;
const PASSWORD_MAX = 128;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsEmail";

export function passwordProblem(
  password: string,
  { email }: { email?: string } = {},
): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return "common";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 3 && lowered.includes(local)) return "containsEmail";
  return null;
}
