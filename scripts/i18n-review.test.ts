// The translators' copy (docs/translation-review/bo.md) is generated; once it fell 475 keys behind the strings as
// namespaces were split, and nobody noticed. It must be what `npm run i18n:review` writes today.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

describe("translation review", () => {
  it("is regenerated with the strings (npm run i18n:review)", () => {
    const fresh = execFileSync(process.execPath, ["--import", "tsx", "scripts/i18n-review.ts", "--stdout"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(fresh).toContain("## visits (");
    const kept = fs.readFileSync(path.join(root, "docs/translation-review/bo.md"), "utf8");
    expect(kept === fresh, "docs/translation-review/bo.md is stale: run npm run i18n:review").toBe(true);
  });
});
