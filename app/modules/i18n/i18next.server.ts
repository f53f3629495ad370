// Server-side i18n: the locale comes from the `lng` cookie (set at sign-in from the user's saved choice, and by the switch).
// The server holds every language's strings; the browser gets only the active one's (see client-resources.ts).
import { createCookie } from "@remix-run/node";
import i18next from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { resources } from "~/locales/resources.server";
import { defaultLocale, i18nConfig, supportedLocales } from "./config";

/** i18next settings with all three languages' strings, for every instance the server creates. */
export const i18nServerConfig = { ...i18nConfig, resources };

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLocales],
    fallbackLanguage: defaultLocale,
    cookie: localeCookie,
    // why: the UI is Chinese by default whatever the browser asks for; English or Tibetan only by explicit choice.
    order: ["cookie"],
  },
  i18next: i18nServerConfig,
});

// why: page titles (meta.ts) translate with the global instance, in any language on the server and in the active
// one in the browser; with bundled strings and initImmediate: false this is ready before the first render.
if (!i18next.isInitialized) i18next.init({ ...i18nServerConfig, lng: defaultLocale, initImmediate: false });
