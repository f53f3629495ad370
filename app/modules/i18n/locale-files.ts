// Every language's strings chunks by file, for what the page did not preload: the namespaces a component asks for
// later, the rest of the language when the browser is idle, another language after signing in. Imported lazily
// (client-resources.ts): the map of the 75 chunks is not needed before the page hydrates.
import type { AppLocale } from "./config";

export type Strings = Record<string, unknown>;

// why: Vite makes each JSON file its own chunk; the server finds their URLs in the client manifest under these keys
// (locale-chunk.server.ts) to preload the page's namespaces with the entry script.
const files = import.meta.glob<{ default: Strings }>("../../locales/*/*.json");

export async function loadNamespaceFile(locale: AppLocale, ns: string): Promise<Strings> {
  const load = files[`../../locales/${locale}/${ns}.json`];
  if (!load) throw new Error(`no strings for ${locale}/${ns}`);
  return (await load()).default;
}
