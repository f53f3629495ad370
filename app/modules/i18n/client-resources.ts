// The browser's strings: only the active language's, and of it only the namespaces the page's routes declare
// (`handle.i18n`), one small chunk per namespace, so a field page on a weak link downloads the strings it shows and
// not those of the budget or the audit log. The rest of the language follows when the browser is idle, and any
// namespace still missing is fetched when a component asks for it (the backend below). The server keeps all three
// languages (resources.server.ts).
import type { BackendModule, i18n, Resource } from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { type Namespace, namespaces } from "~/locales/namespaces";
import type { AppLocale } from "./config";
import type { Strings } from "./locale-files";

function isNamespace(value: unknown): value is Namespace {
  return typeof value === "string" && (namespaces as readonly string[]).includes(value);
}

// why: the page's own namespaces come from the chunks the server preloads (root.tsx marks each link with
// `data-strings="<language>/<namespace>"`), so the map of every chunk (locale-files.ts) loads only after hydration;
// without those links (development, an error page) the map is loaded at once.
async function loadNamespace(locale: AppLocale, ns: string): Promise<Strings> {
  const preloaded = document.querySelector<HTMLLinkElement>(`link[data-strings="${locale}/${ns}"]`);
  if (preloaded) return (await import(/* @vite-ignore */ preloaded.href)).default;
  return (await import("./locale-files")).loadNamespaceFile(locale, ns);
}

/** Some namespaces of one language, as i18next's `resources` option wants them. */
export async function loadLocaleResources(locale: AppLocale, wanted: readonly string[]): Promise<Resource> {
  const loaded = await Promise.all(wanted.map(async (ns) => [ns, await loadNamespace(locale, ns)] as const));
  return { [locale]: Object.fromEntries(loaded) };
}

/** The namespaces the routes on the page declare (`handle.i18n`), and `common`, which the shell uses. */
export function namespacesOfRoutes(handles: unknown[]): Namespace[] {
  const wanted = new Set<Namespace>(["common"]);
  for (const handle of handles) {
    const list = (handle as { i18n?: unknown } | undefined)?.i18n;
    if (Array.isArray(list)) for (const ns of list) if (isNamespace(ns)) wanted.add(ns);
  }
  return [...wanted];
}

/** An i18next backend that fetches a namespace's chunk when something asks for a namespace not yet loaded. */
export const lazyStrings: BackendModule = {
  type: "backend",
  init() {},
  read(language, ns, callback) {
    loadNamespace(language as AppLocale, ns).then(
      (strings) => callback(null, strings),
      (error: Error) => callback(error, false),
    );
  },
};

/** After the page is usable: the rest of the language, so later pages open without waiting for their strings. */
export function loadRestWhenIdle(instance: i18n): void {
  const rest = () => void instance.loadNamespaces([...namespaces]);
  if ("requestIdleCallback" in window) window.requestIdleCallback(rest, { timeout: 10_000 });
  else setTimeout(rest, 3_000);
}

async function ensureLanguage(instance: i18n, locale: AppLocale): Promise<void> {
  if (!instance.hasResourceBundle(locale, "common")) {
    const loaded = instance.reportNamespaces?.getUsedNamespaces() ?? ["common"];
    const resources = await loadLocaleResources(locale, [...new Set(["common", ...loaded])]);
    for (const [ns, strings] of Object.entries(resources[locale]))
      instance.addResourceBundle(locale, ns, strings, true, true);
  }
  if (instance.language !== locale) await instance.changeLanguage(locale);
}

/**
 * Keeps the browser's i18next on the language the server chose (root loader data). The language changes without a
 * full page load only after signing in (the account's saved language); the switch itself reloads the document.
 */
export function useLocaleResources(locale: AppLocale): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language === locale) return;
    void ensureLanguage(i18n, locale);
  }, [i18n, locale]);
}
