// npm run build:page-js — what each field page of issue 13 downloads as JavaScript until hydration, read from the
// build: the entry, the root and the page's route module with their static imports, and the active language's
// (zh-CN) string chunks of the namespaces the routes declare (`handle.i18n`, preloaded with the entry). The bytes the
// server sends (the Brotli 11 or Zopfli gzip copy of scripts/build/precompress.ts, or the file when it has none), without
// response headers. Deterministic: it depends on the build only, not on the machine's load. Exits non-zero when a page
// is over the budget in either encoding (a browser that accepts only gzip gets the gzip copies) or when a library that
// must stay off the field pages' first download (zod, @date-fns/tz) is in it.
import fs from "node:fs";
import path from "node:path";
import { CHUNK_MODULES_FILE } from "./chunk-modules";

/** The weak-link budget of issue 13, in bytes, for the Brotli and for the gzip copies alike. */
export const FIELD_PAGE_BUDGET = 120 * 1024;

/** Packages whose code must not be in a field page's first download (loaded lazily, or not at all, on the client). */
export const KEPT_OFF_FIELD_PAGES = ["zod", "@date-fns/tz"];

export const FIELD_PAGES = [
  { page: "visit list", url: "/visits", route: "app/routes/visits._index.tsx" },
  { page: "a visit", url: "/visits/:id", route: "app/routes/visits.$id.tsx" },
  { page: "a person's file", url: "/people/:id", route: "app/routes/people.$id.tsx" },
  { page: "activity form", url: "/activities/new", route: "app/routes/activities.new.tsx" },
] as const;

const SHELL = ["app/entry.client.tsx", "app/root.tsx"];
const LOCALE = "zh-CN";

type ManifestChunk = { file: string; src?: string; imports?: string[] };
type Manifest = Record<string, ManifestChunk>;

export type PageJs = {
  page: string;
  url: string;
  files: { file: string; brotli: number; gzip: number }[];
  brotli: number;
  gzip: number;
  /** Packages of KEPT_OFF_FIELD_PAGES found in the page's files. */
  keptOffFound: string[];
};

function manifestKey(manifest: Manifest, source: string): string {
  const key = Object.keys(manifest).find((k) => k === source || k.split("?")[0] === source);
  if (!key) throw new Error(`${source} is not in the client manifest`);
  return key;
}

/** The namespaces a route module declares in `handle.i18n` (read from its source, as the server would run it). */
function declaredNamespaces(root: string, route: string): string[] {
  const source = fs.readFileSync(path.join(root, route), "utf8");
  const list = /export const handle\s*=\s*\{[^}]*?i18n:\s*\[([^\]]*)\]/s.exec(source)?.[1] ?? "";
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

/** What the server sends for a file: its precompressed copy when the build made one (precompress.ts), else the file. */
function sentSize(file: string): { brotli: number; gzip: number } {
  const raw = fs.statSync(file).size;
  const copy = (suffix: string) => fs.statSync(`${file}${suffix}`, { throwIfNoEntry: false })?.size ?? raw;
  return { brotli: copy(".br"), gzip: copy(".gz") };
}

/** Each field page's first JavaScript, from the build under `root/build`. */
export function measureFieldPages(root = process.cwd()): PageJs[] {
  const buildDir = path.join(root, "build");
  const manifest: Manifest = JSON.parse(
    fs.readFileSync(path.join(buildDir, ".vite/client-manifest.json"), "utf8"),
  );
  const chunkModules: Record<string, string[]> = JSON.parse(
    fs.readFileSync(path.join(buildDir, ".vite", CHUNK_MODULES_FILE), "utf8"),
  );
  return FIELD_PAGES.map(({ page, url, route }) => {
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const imported of chunk.imports ?? []) visit(imported);
    };
    for (const source of [...SHELL, route]) visit(manifestKey(manifest, source));
    const namespaces = new Set([
      "common",
      ...declaredNamespaces(root, "app/root.tsx"),
      ...declaredNamespaces(root, route),
    ]);
    for (const ns of namespaces) visit(manifestKey(manifest, `app/locales/${LOCALE}/${ns}.json`));

    const sized = [...files].map((file) => ({
      file,
      ...sentSize(path.join(buildDir, "client", file)),
    }));
    const modules = [...files].flatMap((file) => chunkModules[file] ?? []);
    const keptOffFound = KEPT_OFF_FIELD_PAGES.filter((pkg) =>
      modules.some((m) => m.includes(`node_modules/${pkg}/`)),
    );
    return {
      page,
      url,
      files: sized.sort((a, b) => b.brotli - a.brotli),
      brotli: sized.reduce((sum, f) => sum + f.brotli, 0),
      gzip: sized.reduce((sum, f) => sum + f.gzip, 0),
      keptOffFound,
    };
  });
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = measureFieldPages();
  const verbose = process.argv.includes("--files");
  let failed = false;
  console.log(
    `field pages' JavaScript until hydration (KiB; budget ${kib(FIELD_PAGE_BUDGET)} in Brotli and in gzip)`,
  );
  for (const p of pages) {
    const over = [p.brotli > FIELD_PAGE_BUDGET ? "brotli" : "", p.gzip > FIELD_PAGE_BUDGET ? "gzip" : ""]
      .filter(Boolean)
      .join(", ");
    failed ||= over !== "" || p.keptOffFound.length > 0;
    console.log(
      `${p.page.padEnd(16)} ${p.url.padEnd(16)} brotli ${kib(p.brotli).padStart(6)}  gzip ${kib(p.gzip).padStart(6)}  files ${String(p.files.length).padStart(3)}${over ? `  OVER BUDGET (${over})` : ""}${p.keptOffFound.length ? `  has ${p.keptOffFound.join(", ")}` : ""}`,
    );
    if (verbose)
      for (const f of p.files)
        console.log(`    ${kib(f.brotli).padStart(6)} ${kib(f.gzip).padStart(6)}  ${f.file}`);
  }
  process.exit(failed ? 1 : 0);
}
