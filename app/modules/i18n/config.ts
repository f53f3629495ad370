// i18next settings shared by server and browser. Chinese first; English and Tibetan by choice.
// No strings here: the server adds every language's (resources.server.ts), the browser only the active one's.
import type { InitOptions } from "i18next";
import { locales } from "#db/schema/enums";
import { namespaces } from "~/locales/namespaces";

// why: one list for the database CHECK on users.locale, the cookie, the switch and i18next.
export const supportedLocales = locales;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = "zh-CN";

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

/** The supported language a value names, else the default (e.g. for <html lang> read back in the browser). */
export function appLocaleOf(value: unknown): AppLocale {
  return isAppLocale(value) ? value : defaultLocale;
}

export const i18nConfig = {
  supportedLngs: [...supportedLocales],
  fallbackLng: defaultLocale,
  defaultNS: "common",
  ns: [...namespaces],
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
} satisfies InitOptions;
