// Which build files the service worker precaches: the app shell (entry, root, the languages' strings, one chunk per namespace) and the field
// pages' code with everything it imports, not the whole app, so the first visit on a weak link downloads little more.
// Runs in vite.config.ts at build time (Node); the pages are the field routes of issue 13.
import fs from "node:fs";
import path from "node:path";

type ViteManifest = Record<
  string,
  { file: string; src?: string; imports?: string[]; dynamicImports?: string[]; css?: string[] }
>;

/** Route modules whose pages must work on a weak link and offline. */
export const FIELD_ROUTE_MODULES = [
  "app/root.tsx",
  "app/entry.client.tsx",
  "app/routes/field._index.tsx",
  "app/routes/visits._index.tsx",
  "app/routes/visits.$id.tsx",
  "app/routes/people.$id.tsx",
  "app/routes/activities.new.tsx",
];

function readManifest(outDir: string): ViteManifest | null {
  for (const candidate of [
    path.join(outDir, ".vite/manifest.json"),
    path.join(outDir, "../.vite/client-manifest.json"),
  ]) {
    if (fs.existsSync(candidate)) return JSON.parse(fs.readFileSync(candidate, "utf8"));
  }
  return null;
}

/** The files (relative to the client build) of the field pages and the shell, following static imports. */
export function fieldPageFiles(outDir: string): Set<string> | null {
  const manifest = readManifest(outDir);
  if (!manifest) return null;
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
    // why: what these pages load lazily (the language strings, the field app's own modules, the checks a form loads
    // when it is first used, the resumable upload client) is needed without a link just the same.
    for (const imported of chunk.dynamicImports ?? []) visit(imported);
  };
  for (const key of Object.keys(manifest)) {
    const source = key.split("?")[0];
    if (FIELD_ROUTE_MODULES.some((m) => source === m || source.endsWith(`/${m}`))) visit(key);
  }
  return files;
}

/** Workbox manifestTransform: keeps the shell, the field pages' files and the non-asset files (offline page, icons). */
export function onlyFieldPages(outDir: string) {
  return async (entries: { url: string; revision: string | null; size: number }[]) => {
    const keep = fieldPageFiles(outDir);
    const manifest = entries.filter(
      (e) =>
        !e.url.startsWith("assets/") ||
        e.url.endsWith(".css") ||
        /^assets\/manifest-[\w-]+\.js$/.test(e.url) ||
        !keep ||
        keep.has(e.url),
    );
    return { manifest, warnings: keep ? [] : ["client manifest not found: precaching every asset"] };
  };
}
