// Where the built app keeps a language's strings chunks (one per namespace), so the page can ask for the ones its
// routes use together with the entry script (<link rel="modulepreload">) instead of one round trip later, when the
// entry script imports them. Read once from Vite's client manifest (vite.config.ts keeps it); none in development or
// tests, where nothing is preloaded.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { namespaces } from "~/locales/namespaces";
import { type AppLocale, supportedLocales } from "./config";

/** Namespace → "/assets/visits-….js" for one language. */
export type LocaleChunks = Partial<Record<string, string>>;

let chunks: Map<AppLocale, LocaleChunks> | undefined;

function readChunks(): Map<AppLocale, LocaleChunks> {
  const found = new Map<AppLocale, LocaleChunks>();
  try {
    // why: Remix moves Vite's client manifest to build/.vite/client-manifest.json (outside build/client, so it is
    // never served); the server code is in build/server/index.js, or in a chunk under build/server/assets/ once the
    // server build has dynamic imports (a wrong guess left every page without its strings' preloads).
    const file = ["../.vite/client-manifest.json", "../../.vite/client-manifest.json"]
      .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
      .find((candidate) => fs.existsSync(candidate));
    if (!file) return found;
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { file?: string }>;
    for (const locale of supportedLocales) {
      const urls: LocaleChunks = {};
      for (const ns of namespaces) {
        const entry = manifest[`app/locales/${locale}/${ns}.json`];
        if (entry?.file) urls[ns] = `/${entry.file}`;
      }
      found.set(locale, urls);
    }
  } catch {
    // No manifest (vite dev, tests): the entry script imports the chunks itself.
  }
  return found;
}

/** The language's strings chunks by namespace; empty when unknown. */
export function localeChunkUrls(locale: AppLocale): LocaleChunks {
  chunks ??= readChunks();
  return chunks.get(locale) ?? {};
}
