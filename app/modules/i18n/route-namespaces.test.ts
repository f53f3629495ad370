// The browser loads only the namespaces a page's routes declare (`handle.i18n`, client-resources.ts) before it
// hydrates; a component that uses another namespace would render its keys and not match the server's HTML. So every
// namespace used by a route module or anything it imports (statically, in app/) must be declared by that route or by
// the root. Read from the sources, as the bundler follows them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces } from "~/locales/namespaces";

const appDir = path.resolve(import.meta.dirname, "../..");
const known = new Set<string>(namespaces);

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(appDir, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return null;
}

/** Static imports only (`import … from`, `export … from`), not `import type` and not dynamic `import()`. */
function importsOf(file: string, source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(
    /^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+"([^"]+)"|^import\s+"([^"]+)"/gms,
  )) {
    const target = resolveImport(file, m[1] ?? m[2]);
    if (target && !/\.server\.tsx?$/.test(target) && /\.tsx?$/.test(target)) out.push(target);
  }
  return out;
}

function namespacesIn(source: string): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(/useTranslation\(\s*(\[[^\]]*\]|"[^"]*")?/g)) {
    if (!m[1]) found.add("common");
    else for (const ns of m[1].matchAll(/"([^"]+)"/g)) found.add(ns[1]);
  }
  for (const m of source.matchAll(/\b(?:t|pageTitle)\(\s*["`]([a-zA-Z]+):/g)) found.add(m[1]);
  for (const m of source.matchAll(/\bns[:=]\s*\{?\s*"([a-zA-Z]+)"/g)) found.add(m[1]);
  return new Set([...found].filter((ns) => known.has(ns)));
}

function usedBy(entry: string): Map<string, string> {
  const used = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const ns of namespacesIn(source)) if (!used.has(ns)) used.set(ns, path.relative(appDir, file));
    for (const next of importsOf(file, source)) walk(next);
  };
  walk(entry);
  return used;
}

function declared(file: string): string[] {
  const match = /export const handle\s*=\s*\{[^}]*i18n:\s*\[([^\]]*)\]/s.exec(fs.readFileSync(file, "utf8"));
  return match ? [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
}

describe("route namespaces", () => {
  it("declares every namespace its page renders with (or the root does)", () => {
    const root = path.join(appDir, "root.tsx");
    const rootDeclared = new Set(declared(root));
    const missing: string[] = [];
    for (const [ns, where] of usedBy(root)) if (!rootDeclared.has(ns)) missing.push(`root: ${ns} (${where})`);
    const routesDir = path.join(appDir, "routes");
    for (const name of fs.readdirSync(routesDir).filter((f) => f.endsWith(".tsx"))) {
      const file = path.join(routesDir, name);
      if (!/export default function/.test(fs.readFileSync(file, "utf8"))) continue;
      const have = new Set([...rootDeclared, ...declared(file)]);
      for (const [ns, where] of usedBy(file)) if (!have.has(ns)) missing.push(`${name}: ${ns} (${where})`);
    }
    expect(missing).toEqual([]);
  });
});
