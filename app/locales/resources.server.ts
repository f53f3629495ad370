// Every language's strings, for the server (renders in any language, reminders, exports, page titles).
// Server-only on purpose: the browser loads just the active language (app/modules/i18n/client-resources.ts), and
// the .server suffix makes the build fail if browser code ever imports all three.
import { type AppLocale, supportedLocales } from "~/modules/i18n/config";
import { type Namespace, namespaces } from "./namespaces";

type Strings = { [key: string]: string | Strings };

// why: the namespaces server code reads by key are typed from the source language (zh-CN); the key-parity test
// (app/modules/i18n/locales.test.ts) holds every other language to the same keys.
type ReadByKey = {
  common: typeof import("./zh-CN/common.json");
  contracts: typeof import("./zh-CN/contracts.json");
  peopleRegister: typeof import("./zh-CN/peopleRegister.json");
  reminders: typeof import("./zh-CN/reminders.json");
};

export type LocaleResources = { [N in Namespace]: N extends keyof ReadByKey ? ReadByKey[N] : Strings };

// why: one list of namespaces (namespaces.ts) for the browser and the server alike, instead of an import per file
// and language; a template import is what Vite bundles (one chunk per file) and what tsx and vitest resolve as is.
async function loadLanguage(locale: AppLocale): Promise<LocaleResources> {
  const files = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`./${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(files) as LocaleResources;
}

export const resources = Object.fromEntries(
  await Promise.all(supportedLocales.map(async (locale) => [locale, await loadLanguage(locale)] as const)),
) as Record<AppLocale, LocaleResources>;

/** A language's strings; anything not a supported language gets zh-CN, the default. */
export function resourcesFor(locale: string | null | undefined): LocaleResources {
  return resources[locale as AppLocale] ?? resources["zh-CN"];
}
