// Page titles in the reader's language: "<page> · 社工站服务网络".
import type { MetaFunction } from "@remix-run/node";
import i18next, { type TFunction } from "i18next";
import { i18nConfig } from "~/modules/i18n/config";

const translators = new Map<string, TFunction>();

function translatorFor(locale: string): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = i18next.createInstance();
    instance.init({ ...i18nConfig, lng: locale, initImmediate: false });
    t = instance.t;
    translators.set(locale, t);
  }
  return t;
}

type Matches = Parameters<MetaFunction>[0]["matches"];

function localeOf(matches: Matches): string {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  return root?.locale ?? "zh-CN";
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
