// Tests that set environment variables: each test sets what it needs, and after it every variable is as it was
// when the file loaded and the parsed environment (`env()`) is read afresh.
import { afterEach } from "vitest";
import { resetEnvCache } from "~/utils/env.server";

/**
 * Puts process.env back after each test of the calling file (call it once, at the top of the file); answers the
 * setter its tests use: a value sets a variable, `undefined` removes it.
 */
export function envPerTest(): (vars: Record<string, string | undefined>) => void {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetEnvCache();
  });
  return (vars) => {
    for (const [key, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
  };
}
