// Every language's strings, for the server (renders in any language, reminders, exports, page titles).
// Server-only on purpose: the browser loads just the active language (app/modules/i18n/client-resources.ts), and
// the .server suffix makes the build fail if browser code ever imports all three.
import type { AppLocale } from "~/modules/i18n/config";
import bo from "./bo";
import en from "./en";
import zhCN from "./zh-CN";

export type LocaleResources = typeof zhCN;

// why: zh-CN is the shape every language has (the key-parity test checks it), so the others are typed as it.
export const resources: Record<AppLocale, LocaleResources> = {
  "zh-CN": zhCN,
  en: en as LocaleResources,
  bo: bo as LocaleResources,
};

/** A language's strings; anything not a supported language gets zh-CN, the default. */
export function resourcesFor(locale: string | null | undefined): LocaleResources {
  return resources[locale as AppLocale] ?? resources["zh-CN"];
}
