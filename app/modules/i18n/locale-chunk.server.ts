// Where the built app keeps a language's strings chunk, so the page can ask for it together with the entry script
// (<link rel="modulepreload">) instead of one round trip later, when the entry script imports it. Read once from
// Vite's client manifest (vite.config.ts keeps it); none in development or tests, where nothing is preloaded.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { type AppLocale, supportedLocales } from "./config";

let chunks: Map<string, string> | undefined;

function readChunks(): Map<string, string> {
  const found = new Map<string, string>();
  try {
    // why: the server is bundled into build/server/index.js, and Remix moves Vite's client manifest to
    // build/.vite/client-manifest.json (outside build/client, so it is never served).
    const file = fileURLToPath(new URL("../.vite/client-manifest.json", import.meta.url));
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { file?: string }>;
    for (const locale of supportedLocales) {
      const entry = manifest[`app/locales/${locale}/index.ts`];
      if (entry?.file) found.set(locale, `/${entry.file}`);
    }
  } catch {
    // No manifest (vite dev, tests): the entry script imports the chunk itself.
  }
  return found;
}

/** "/assets/bo-….js", or null when unknown. */
export function localeChunkUrl(locale: AppLocale): string | null {
  chunks ??= readChunks();
  return chunks.get(locale) ?? null;
}
