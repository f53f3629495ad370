// Page titles in the reader's language: "<page> · 社工站服务网络".
// The global i18next instance translates: on the server it holds every language (i18next.server.ts initialises it),
// in the browser the active one (entry.client.tsx), so this module carries no strings of its own.
import type { MetaFunction } from "@remix-run/node";
import i18next, { type TFunction } from "i18next";
import { defaultLocale } from "~/modules/i18n/config";

function translatorFor(locale: string): TFunction {
  return i18next.getFixedT(locale);
}

type Matches = Parameters<MetaFunction>[0]["matches"];

function localeOf(matches: Matches): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return root?.locale ?? defaultLocale;
}

/** A meta function whose title is the translation of `key` (e.g. "common:nav.map"). */
export function pageTitle(key: string): MetaFunction {
  return ({ matches }) => {
    const t = translatorFor(localeOf(matches));
    return [{ title: `${t(key)} · ${t("common:appName")}` }];
  };
}

/** For titles built from loader data, e.g. a station's name. */
export function titleText(matches: Matches, text: string): { title: string }[] {
  const t = translatorFor(localeOf(matches));
  return [{ title: `${text} · ${t("common:appName")}` }];
}
