// i18next settings shared by server and browser. Chinese first; English is the switch.
import type { InitOptions } from "i18next";
import { namespaces, resources } from "~/locales/resources";

export const supportedLocales = ["zh-CN", "en"] as const;
export type AppLocale = (typeof supportedLocales)[number];
export const defaultLocale: AppLocale = "zh-CN";

export const i18nConfig = {
  supportedLngs: [...supportedLocales],
  fallbackLng: defaultLocale,
  defaultNS: "common",
  ns: namespaces,
  resources,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
} satisfies InitOptions;
