// Server-side i18n: the locale comes from the `lng` cookie (set at sign-in from the user's saved choice, and by the switch).
import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLocale, i18nConfig, supportedLocales } from "./config";

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
    // why: the UI is Chinese by default whatever the browser asks for; English only by explicit choice.
    order: ["cookie"],
  },
  i18next: { ...i18nConfig },
});
