// The browser's strings: only the active language's, fetched as one chunk per language, so a page on a weak link
// never downloads the two languages its reader does not use. The server keeps all three (resources.server.ts).
import type { i18n, Resource } from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { AppLocale } from "./config";

type LocaleBundle = Record<string, Record<string, unknown>>;

// why: one dynamic import per language (not per namespace): one request, and Vite makes each a separate chunk.
const loaders: Record<AppLocale, () => Promise<{ default: LocaleBundle }>> = {
  "zh-CN": () => import("~/locales/zh-CN/index"),
  en: () => import("~/locales/en/index"),
  bo: () => import("~/locales/bo/index"),
};

/** Every namespace of one language, as i18next's `resources` option wants it. */
export async function loadLocaleResources(locale: AppLocale): Promise<Resource> {
  const bundle = await loaders[locale]();
  return { [locale]: bundle.default } as Resource;
}

async function ensureLanguage(instance: i18n, locale: AppLocale): Promise<void> {
  if (!instance.hasResourceBundle(locale, "common")) {
    const resources = await loadLocaleResources(locale);
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
