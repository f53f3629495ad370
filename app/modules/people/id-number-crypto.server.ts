// ID numbers at rest: AES-256-GCM ciphertext plus a keyed hash (HMAC-SHA256) for de-duplication.
// Keys are derived from DATA_KEY; the database never holds a plain number.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { maskIdNumber } from "~/utils/id-number-mask";
import { derivedKey } from "~/utils/secrets.server";
import { normalizeIdNumber } from "./id-number";

const VERSION = "v1";

export function encryptIdNumber(idNumber: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("id-number-encryption"), iv);
  const ciphertext = Buffer.concat([cipher.update(normalizeIdNumber(idNumber), "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

export function decryptIdNumber(stored: string): string {
  const [version, payload] = stored.split(":");
  if (version !== VERSION || !payload) throw new Error("Unknown ID number cipher version");
  const raw = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey("id-number-encryption"), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function hashIdNumber(idNumber: string): string {
  return createHmac("sha256", derivedKey("id-number-hash")).update(normalizeIdNumber(idNumber)).digest("hex");
}

/** The three stored columns for one ID number. */
export function protectIdNumber(idNumber: string) {
  const normalized = normalizeIdNumber(idNumber);
  return {
    idNumberCipher: encryptIdNumber(normalized),
    idNumberHash: hashIdNumber(normalized),
    idNumberMasked: maskIdNumber(normalized),
  };
}
