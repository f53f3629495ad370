// The layers of ADR 002 and issue 11, read from the sources' static imports (tests left out): nothing under app/utils
// or db/ imports a domain module, and the list of module pairs that import each other only shrinks. A new pair fails
// here; so does a pair that is gone but still listed (take it off the list).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "..");

/**
 * Module pairs that still import each other (8 December 2026: 16 when this test came, 3 left), each to be broken by
 * moving the shared piece below both or into the one that owns it. Sorted, "a ↔ b" with a < b. All three are access,
 * the policy module (ADR 002): it reads sessions (auth), answers in the kernel's messages and reads region codes, and
 * they need its scope rules in turn. Type imports count as well as code.
 */
const KNOWN_MUTUAL = ["access ↔ auth", "access ↔ kernel", "access ↔ regions"];

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(repo, dir), { recursive: true, encoding: "utf8" }).flatMap((name) => {
    const file = path.join(dir, name);
    return /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) ? [file] : [];
  });
}

/** The repository-relative targets of a file's `import … from` / `export … from` / `import("…")` specifiers. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(repo, file), "utf8");
  const specs = [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)"([^"]+)"/g)].map((m) => m[1]);
  return specs.flatMap((spec) => {
    if (spec.startsWith("~/")) return [path.join("app", spec.slice(2))];
    if (spec.startsWith("#db/")) return [path.join("db", spec.slice(4))];
    if (spec.startsWith(".")) return [path.join(path.dirname(file), spec)];
    return [];
  });
}

const moduleOf = (file: string) => /^app\/modules\/([^/]+)\//.exec(file)?.[1] ?? null;

describe("layers", () => {
  it("keeps app/utils and db/ free of imports from app/modules", () => {
    const offending = [...sourcesUnder("app/utils"), ...sourcesUnder("db")].flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith("app/modules/"))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it("lets no new pair of domain modules import each other", () => {
    const edges = new Map<string, Set<string>>();
    for (const file of sourcesUnder("app/modules")) {
      const from = moduleOf(file)!;
      for (const target of importsOf(file)) {
        const to = moduleOf(target);
        if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    const mutual = new Set<string>();
    for (const [a, targets] of edges)
      for (const b of targets) if (edges.get(b)?.has(a)) mutual.add([a, b].sort().join(" ↔ "));
    expect(edges.size, "the modules were read").toBeGreaterThan(20);
    expect([...mutual].sort()).toEqual(KNOWN_MUTUAL);
  });
});
