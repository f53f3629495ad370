// The i18next instance a server render uses: one per language, shared by every render in that language.
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { i18nServerConfig } from "./i18next.server";

const instances = new Map<string, Promise<i18n>>();

/**
 * The resources are bundled and a render never changes the language, so creating and initialising an instance per
 * request (~7 ms) bought nothing.
 */
export function renderInstance(lng: string): Promise<i18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nServerConfig, lng })
      .then(() => {
        rememberLanguageCodes(created);
        rememberPlainTranslations(created);
        return created;
      });
    instances.set(lng, instance);
  }
  return instance;
}

// why: i18next canonicalises "zh-CN" with Intl.getCanonicalLocales on every t() call (~3 ms a page).
function rememberLanguageCodes(instance: i18n) {
  const utils = instance.services.languageUtils as { formatLanguageCode: (code: string) => string };
  const format = utils.formatLanguageCode.bind(utils);
  const known = new Map<string, string>();
  utils.formatLanguageCode = (code: string) => {
    let formatted = known.get(code);
    if (formatted === undefined) {
      formatted = format(code);
      if (typeof code === "string") known.set(code, formatted);
    }
    return formatted;
  };
}

const MAX_REMEMBERED = 50_000;

/** Options made only of strings, finite numbers, booleans and nulls: the answer is a function of their JSON. */
function flatOptionsKey(options: unknown): string | null {
  if (options === null || typeof options !== "object" || Object.getPrototypeOf(options) !== Object.prototype)
    return null;
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (
      value !== null &&
      type !== "string" &&
      type !== "boolean" &&
      !(type === "number" && Number.isFinite(value))
    )
      return null;
  }
  return JSON.stringify(options);
}

/**
 * A label (`t("nav.people")`) or a figure's phrase (`t("due.inDays", { count: 3 })`) is the same string on every page
 * of this language, but i18next resolves it anew each time: key parsing, namespace fallback, plural rules,
 * interpolation and nesting checks were ~7 % of a page's CPU (issue 17's profile), and lists ask for the same phrases
 * once per row. The t functions handed to components remember answers to calls without options or with flat options
 * (strings, numbers, booleans); any other call goes to i18next as before.
 */
export function rememberPlainTranslations(instance: i18n) {
  const getFixedT = instance.getFixedT.bind(instance);
  const remembered = new Map<string, string>();
  const byScope = new Map<string, TFunction>();
  instance.getFixedT = ((
    lng: string | readonly string[] | null,
    ns?: string | readonly string[] | null,
    keyPrefix?: string,
  ) => {
    const scope = `${lng ?? ""}\u0001${Array.isArray(ns) ? ns.join(",") : (ns ?? "")}\u0001${keyPrefix ?? ""}\u0001`;
    let t = byScope.get(scope);
    if (t === undefined) {
      const fixed = getFixedT(lng as string, ns as string, keyPrefix);
      const call = fixed as unknown as (...a: unknown[]) => unknown;
      const plain = (key: unknown, ...rest: unknown[]) => {
        if (typeof key !== "string" || rest.length > 1) return call(key, ...rest);
        const options = rest.length === 1 ? flatOptionsKey(rest[0]) : "";
        if (options === null) return call(key, ...rest);
        const id = `${scope}${key}\u0002${options}`;
        let text = remembered.get(id);
        if (text === undefined) {
          const answer = call(key, ...rest);
          if (typeof answer !== "string") return answer;
          if (remembered.size >= MAX_REMEMBERED) remembered.clear();
          remembered.set(id, answer);
          text = answer;
        }
        return text;
      };
      t = Object.assign(plain, fixed) as unknown as TFunction;
      byScope.set(scope, t);
    }
    return t;
  }) as i18n["getFixedT"];
}
