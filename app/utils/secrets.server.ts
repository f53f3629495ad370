// Keys the app needs even when nobody configured them: generated once and kept in the data directory (mode 0600).
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

type StoredSecrets = { sessionSecret: string; dataKey: string };

let cached: StoredSecrets | undefined;

function loadOrCreate(): StoredSecrets {
  const { dataDir, SESSION_SECRET, DATA_KEY } = env();
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<StoredSecrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  const needed = {
    sessionSecret: stored.sessionSecret ?? randomBytes(32).toString("hex"),
    dataKey: stored.dataKey ?? randomBytes(32).toString("hex"),
  };
  if (!SESSION_SECRET || !DATA_KEY) {
    if (stored.sessionSecret !== needed.sessionSecret || stored.dataKey !== needed.dataKey) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(needed, null, 2), { mode: 0o600 });
    }
  }
  return { sessionSecret: SESSION_SECRET ?? needed.sessionSecret, dataKey: DATA_KEY ?? needed.dataKey };
}

function secrets(): StoredSecrets {
  cached ??= loadOrCreate();
  return cached;
}

export function sessionSecret(): string {
  return secrets().sessionSecret;
}

/**
 * Purpose-bound 32-byte keys derived from DATA_KEY, so the encryption key and the de-duplication
 * (HMAC) key differ and one leaking does not give away the other.
 */
export function derivedKey(purpose: "id-number-encryption" | "id-number-hash" | "totp-encryption"): Buffer {
  // why: HKDF costs ~40 µs; every ID number protected, revealed or looked up needs one or two keys (an import of
  // 100,000 rows spent most of its CPU here), so each purpose's key is derived once per process.
  let key = derivedKeys.get(purpose);
  if (!key) {
    const master = Buffer.from(secrets().dataKey, "hex");
    key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), purpose, 32));
    derivedKeys.set(purpose, key);
  }
  return key;
}
const derivedKeys = new Map<string, Buffer>();

/** Short fingerprint of the data key, logged at boot so operators can tell which key a process uses. */
export function dataKeyFingerprint(): string {
  return createHash("sha256").update(secrets().dataKey).digest("hex").slice(0, 8);
}

export function resetSecretsCache(): void {
  cached = undefined;
  derivedKeys.clear();
}
