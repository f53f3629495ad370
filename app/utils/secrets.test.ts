// Generated secrets: with DATA_KEY and SESSION_SECRET unset, the first start creates both in the data directory,
// readable by the owner only, and every later start uses the same ones — so an ID number encrypted before a restart
// still decrypts after it. Each "start" loads the modules afresh, as a new process would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildIdNumber } from "~/modules/people/id-number";

const saved = {
  DATA_DIR: process.env.DATA_DIR,
  DATA_KEY: process.env.DATA_KEY,
  SESSION_SECRET: process.env.SESSION_SECRET,
};
let dataDir: string;
const secretsFile = () => path.join(dataDir, "secrets.json");
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** A fresh start of the app's key handling: new module instances read the environment and the data directory. */
async function start() {
  vi.resetModules();
  const secrets = await import("./secrets.server");
  const idNumbers = await import("~/modules/people/id-number-crypto.server");
  return { ...secrets, ...idNumbers };
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-secrets-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATA_KEY;
  delete process.env.SESSION_SECRET;
});

afterEach(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.resetModules();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const idNumber = buildIdNumber({ region6: "542523", birthDate: "1958-03-14", sequence: 12 });

describe("secrets generated when none are configured", () => {
  it("are created on the first start in the data directory with mode 0600 and read back unchanged by the next start", async () => {
    const first = await start();
    const sessionSecret = first.sessionSecret();
    const fingerprint = first.dataKeyFingerprint();
    expect(fs.existsSync(secretsFile())).toBe(true);
    expect(modeOf(secretsFile()).toString(8)).toBe("600");
    const stored = JSON.parse(fs.readFileSync(secretsFile(), "utf8"));
    expect(stored.dataKey).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.sessionSecret).toBe(sessionSecret);
    expect(sessionSecret.length).toBeGreaterThanOrEqual(32);
    const written = fs.readFileSync(secretsFile(), "utf8");

    const second = await start();
    expect(second.sessionSecret()).toBe(sessionSecret);
    expect(second.dataKeyFingerprint()).toBe(fingerprint);
    expect(fs.readFileSync(secretsFile(), "utf8")).toBe(written);
    // Nothing is left behind from writing the file.
    expect(fs.readdirSync(dataDir)).toEqual(["secrets.json"]);
  });

  it("decrypt in the second start an ID number encrypted in the first, and find it by the same keyed hash", async () => {
    const first = await start();
    const stored = first.protectIdNumber(idNumber);

    const second = await start();
    expect(second.decryptIdNumber(stored.idNumberCipher)).toBe(idNumber);
    expect(second.hashIdNumber(idNumber)).toBe(stored.idNumberHash);

    // With another data directory (another key) the same cipher text does not open.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-secrets-other-"));
    process.env.DATA_DIR = dataDir;
    const elsewhere = await start();
    expect(() => elsewhere.decryptIdNumber(stored.idNumberCipher)).toThrow();
  });

  it("keep a configured DATA_KEY in use and generate and keep only the missing session secret", async () => {
    const dataKey = "ab".repeat(32);
    process.env.DATA_KEY = dataKey;
    const first = await start();
    const cipher = first.encryptIdNumber(idNumber);
    const sessionSecret = first.sessionSecret();
    expect(modeOf(secretsFile()).toString(8)).toBe("600");

    const second = await start();
    expect(second.sessionSecret()).toBe(sessionSecret);
    expect(second.decryptIdNumber(cipher)).toBe(idNumber);
    // The configured key is the one in use: without it, the generated one in the file does not open the cipher.
    delete process.env.DATA_KEY;
    const withoutIt = await start();
    expect(() => withoutIt.decryptIdNumber(cipher)).toThrow();
  });

  it("tighten a secrets file that others can read, keeping its keys", async () => {
    const keys = { sessionSecret: "cd".repeat(32), dataKey: "ef".repeat(32) };
    fs.writeFileSync(secretsFile(), JSON.stringify(keys));
    fs.chmodSync(secretsFile(), 0o644);
    const app = await start();
    expect(app.sessionSecret()).toBe(keys.sessionSecret);
    expect(modeOf(secretsFile()).toString(8)).toBe("600");
  });

  it("stop the start on a damaged secrets file instead of replacing the key", async () => {
    fs.writeFileSync(secretsFile(), '{"dataKey": "ab', { mode: 0o600 });
    const app = await start();
    expect(() => app.sessionSecret()).toThrow(/secrets\.json is damaged/);
    expect(fs.readFileSync(secretsFile(), "utf8")).toBe('{"dataKey": "ab');
  });

  it("are taken from the file when another process wrote it first, so two processes starting together share one key", async () => {
    const app = await start();
    const theirs = { sessionSecret: "12".repeat(32), dataKey: "34".repeat(32) };
    fs.writeFileSync(secretsFile(), JSON.stringify(theirs), { mode: 0o600 });
    const ours = { sessionSecret: "56".repeat(32), dataKey: "78".repeat(32) };
    expect(app.storeSecretsOnce(secretsFile(), ours)).toEqual(theirs);
    expect(JSON.parse(fs.readFileSync(secretsFile(), "utf8"))).toEqual(theirs);
    expect(fs.readdirSync(dataDir)).toEqual(["secrets.json"]);
  });
});
