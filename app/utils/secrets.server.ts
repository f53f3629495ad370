// Keys the app needs even when nobody configured them: generated once and kept in the data directory (mode 0600).
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

type StoredSecrets = { sessionSecret: string; dataKey: string };

let cached: StoredSecrets | undefined;

const HEX_KEY = /^[0-9a-f]{64}$/i;

/** The secrets file, or null when there is none yet. A damaged one stops the boot: replacing it would lose the key. */
function readSecretsFile(file: string): Partial<StoredSecrets> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let stored: Partial<StoredSecrets>;
  try {
    stored = JSON.parse(text);
  } catch {
    throw new Error(
      `${file} is damaged (not JSON); restore it from a backup, or set DATA_KEY and SESSION_SECRET`,
    );
  }
  if (stored.dataKey !== undefined && !HEX_KEY.test(stored.dataKey))
    throw new Error(`${file} holds a data key that is not 64 hex characters; restore it from a backup`);
  return stored;
}

/**
 * Writes the secrets unless the file already exists, and returns what the file holds. The file appears complete or
 * not at all (written aside, then hard-linked into place, which fails if it exists), so the web process and the
 * workers starting together on a new data directory agree on one key instead of each keeping its own.
 */
export function storeSecretsOnce(file: string, secrets: StoredSecrets): StoredSecrets {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(aside, "wx", 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // why: the umask may narrow the mode given to open; make it exactly owner read/write.
    fs.writeSync(fd, JSON.stringify(secrets, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(aside, file);
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = readSecretsFile(file);
    if (!theirs?.sessionSecret || !theirs.dataKey) throw new Error(`${file} appeared incomplete`);
    return { sessionSecret: theirs.sessionSecret, dataKey: theirs.dataKey };
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/** Completes a secrets file that lacks a key (kept from an older version), replacing it atomically. */
function completeSecretsFile(file: string, secrets: StoredSecrets): void {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(aside, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  fs.renameSync(aside, file);
}

function loadOrCreate(): StoredSecrets {
  const { dataDir, SESSION_SECRET, DATA_KEY } = env();
  if (SESSION_SECRET && DATA_KEY) return { sessionSecret: SESSION_SECRET, dataKey: DATA_KEY };
  const file = path.join(dataDir, "secrets.json");
  const stored = readSecretsFile(file);
  let kept: StoredSecrets;
  if (stored === null) {
    kept = storeSecretsOnce(file, {
      sessionSecret: randomBytes(32).toString("hex"),
      dataKey: randomBytes(32).toString("hex"),
    });
  } else {
    kept = {
      sessionSecret: stored.sessionSecret ?? randomBytes(32).toString("hex"),
      dataKey: stored.dataKey ?? randomBytes(32).toString("hex"),
    };
    if (!stored.sessionSecret || !stored.dataKey) completeSecretsFile(file, kept);
  }
  // why: a file copied in from a backup or written by hand may be readable by everyone; the key is for this user only.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return { sessionSecret: SESSION_SECRET ?? kept.sessionSecret, dataKey: DATA_KEY ?? kept.dataKey };
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
export function derivedKey(
  purpose: "id-number-encryption" | "id-number-hash" | "totp-encryption" | "robot-encryption",
): Buffer {
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
