// What a reader who does not keep a worker's record sees of its numbers. Pure and client-safe.

/** 民社助**********23: the issuing prefix and the last two characters, not enough to copy the certificate. */
export function maskCertificateNo(number: string | null | undefined): string | null {
  if (!number) return null;
  const chars = [...number.replace(/\s/g, "")];
  if (chars.length <= 4) return "*".repeat(chars.length);
  const keep = Math.min(3, chars.length - 4);
  return `${chars.slice(0, keep).join("")}${"*".repeat(chars.length - keep - 2)}${chars.slice(-2).join("")}`;
}
