// The audit log names every action in words: each action the code writes has a label in Chinese, English and
// Tibetan, so /audit never falls back to the raw code (`sign_in`, `activity.log`).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const appDir = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Actions written literally (`action: "visit.record"`, `LOG_ACTION = "activity.log"`, either branch of a ternary). */
function writtenActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of sourceFiles(appDir)) {
    const text = fs.readFileSync(file, "utf8");
    // A literal compared with (`kind === "regions" ? …`) is a condition, not an action.
    for (const m of text.matchAll(/\baction: ([^,}\n]+)/g))
      for (const literal of m[1].matchAll(/(?<![=!]== )"([a-z_]+(?:\.[a-z_]+)*)"/g)) actions.add(literal[1]);
    for (const m of text.matchAll(/_ACTION = "([a-z_.]+)"/g)) actions.add(m[1]);
  }
  return actions;
}

/**
 * Actions built from an intent: contract.<lifecycle intent>, the account intents of the user admin, and the region
 * registers' writes (kernel/register.server.ts: <actionPrefix>.create and .update).
 */
const builtActions = [
  "organization.create",
  "organization.update",
  "project.create",
  "project.update",
  "contract.activate",
  "contract.complete",
  "contract.terminate",
  "disable",
  "enable",
  "end_sessions",
  "reset_two_factor",
  "reset_password",
];

function labels(locale: string): Record<string, string> {
  const file = path.join(appDir, "locales", locale, "audit.json");
  return JSON.parse(fs.readFileSync(file, "utf8")).actionNames;
}

describe("audit action labels", () => {
  it("name every action the app writes, in every language", () => {
    const actions = [...writtenActions(), ...builtActions];
    // Not vacuous: the scan finds the app's writes.
    expect(actions).toEqual(
      expect.arrayContaining(["sign_in", "activity.log", "visit.record", "person.reveal_id"]),
    );
    for (const locale of ["zh-CN", "en", "bo"]) {
      const names = labels(locale);
      const missing = actions.filter((a) => !names[a.replace(/[.:]/g, "__")]);
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });
});
