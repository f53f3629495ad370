// Every language has exactly the source's keys (zh-CN), the same placeholders and markup, and the Tibetan text is
// Tibetan: a key added to zh-CN without its translations, or a Chinese string left in bo, fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces } from "~/locales/namespaces";
import { resources } from "~/locales/resources.server";
import { supportedLocales } from "./config";

const localesDir = path.resolve(import.meta.dirname, "../../locales");
const source = "zh-CN";
const translations = supportedLocales.filter((l) => l !== source);

type Tree = { [key: string]: string | Tree };

function readNamespace(locale: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(localesDir, locale, `${ns}.json`), "utf8"));
}

/** "a.b.c" → string, for every leaf. */
function flatten(tree: Tree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else flatten(value, full, out);
  }
  return out;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** i18next placeholders ({{count}}, {{x, number}}) and Trans tags (<rows>, </rows>), sorted. */
function markupOf(text: string): string[] {
  const placeholders = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => `{{${m[1]}}}`);
  const tags = [...text.matchAll(/<\/?([A-Za-z][\w-]*)\s*\/?>/g)].map((m) => m[0].replace(/\s/g, ""));
  return [...placeholders, ...tags].sort();
}

/**
 * Proper names a Tibetan string may keep in Chinese characters: the app's Chinese short name (in brackets after
 * its Tibetan name), the language switch's endonym for Chinese, and a donor province as staff type it into a form.
 */
const hanAllowedInTibetan = ["社工站", "中文", "陕西省"];
const han = /\p{Script=Han}/u;

describe("translation files", () => {
  it("have one file per namespace in every language, and each language's index bundles all of them", () => {
    for (const locale of supportedLocales) {
      const files = fs
        .readdirSync(path.join(localesDir, locale))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .sort();
      expect(files, locale).toEqual([...namespaces].sort());
      expect(Object.keys(resources[locale]).sort(), locale).toEqual([...namespaces].sort());
    }
  });

  for (const locale of translations) {
    describe(locale, () => {
      it("has exactly the keys of zh-CN, nested the same way, in every namespace", () => {
        for (const ns of namespaces) {
          const want = [...flatten(readNamespace(source, ns)).keys()].sort();
          const have = [...flatten(readNamespace(locale, ns)).keys()].sort();
          const missing = want.filter((k) => !have.includes(k)).map((k) => `${ns}:${k}`);
          const extra = have.filter((k) => !want.includes(k)).map((k) => `${ns}:${k}`);
          expect({ missing, extra }, `${locale}/${ns}.json`).toEqual({ missing: [], extra: [] });
        }
      });

      it("has every plural form its language needs for each counted string", () => {
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        for (const ns of namespaces) {
          const keys = [...flatten(readNamespace(locale, ns)).keys()];
          const bases = new Set(
            keys.filter((k) => pluralSuffix.test(k)).map((k) => k.replace(pluralSuffix, "")),
          );
          for (const base of bases)
            for (const category of categories)
              expect(keys, `${locale}/${ns}.json needs ${base}_${category}`).toContain(`${base}_${category}`);
        }
      });

      it("keeps every placeholder and markup tag of the Chinese text, and adds none", () => {
        const mismatches: string[] = [];
        for (const ns of namespaces) {
          const theirs = flatten(readNamespace(locale, ns));
          for (const [key, text] of flatten(readNamespace(source, ns))) {
            const translated = theirs.get(key);
            if (translated === undefined) continue;
            // A plural's _one form may name the number in words instead of {{count}} ("1 day" → "a day").
            if (key.endsWith("_one")) continue;
            if (markupOf(text).join(" ") !== markupOf(translated).join(" "))
              mismatches.push(
                `${ns}:${key}: ${markupOf(text).join(" ")} ≠ ${markupOf(translated).join(" ")}`,
              );
          }
        }
        expect(mismatches).toEqual([]);
      });

      it("has no empty string", () => {
        const empty = namespaces.flatMap((ns) =>
          [...flatten(readNamespace(locale, ns))]
            .filter(([, v]) => v.trim() === "")
            .map(([k]) => `${ns}:${k}`),
        );
        expect(empty).toEqual([]);
      });
    });
  }

  // why: only bo here — en's "6. Social organizations and party branches" is cut already (reported to the lead).
  it("keeps the Tibetan sheet names of spreadsheets within Excel's 31 characters, so none is cut in a word", () => {
    const sheetNames = [
      "budget:tables.sources",
      "budget:tables.counties",
      "budget:tables.contracts",
      "reports:xlsx.summary",
      "reports:xlsx.monthly",
      "reports:review.byFacilityKind",
      "reports:review.byFacility",
      "reports:review.byProject",
      "reports:review.peopleTitle",
      "reports:review.visitsTitle",
      "reports:review.fundsTitle",
      "reports:review.networkTitle",
      "reports:review.organizationsTitle",
    ];
    for (const name of sheetNames) {
      const [ns, key] = name.split(":");
      const text = flatten(readNamespace("bo", ns)).get(key)!;
      expect(text.length, `${name}: ${text}`).toBeLessThanOrEqual(31);
      expect(text, name).not.toMatch(/[:\\/?*[\]]/);
    }
  });

  it("leaves no Chinese characters in the Tibetan text except the allowed proper names", () => {
    const chinese = namespaces.flatMap((ns) =>
      [...flatten(readNamespace("bo", ns))]
        .filter(([, text]) => han.test(hanAllowedInTibetan.reduce((t, name) => t.replaceAll(name, ""), text)))
        .map(([key, text]) => `${ns}:${key}: ${text}`),
    );
    expect(chinese).toEqual([]);
  });

  it("writes the Tibetan text in Tibetan script: every string of words has Tibetan letters", () => {
    const notTibetan = namespaces.flatMap((ns) =>
      [...flatten(readNamespace("bo", ns))]
        // Strings that are only placeholders, digits and punctuation ("{{done}}/{{expected}}") need no letters.
        .filter(([, text]) => /\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, "")))
        .filter(([, text]) => !/[\u0F00-\u0FFF]/u.test(text))
        .map(([key, text]) => `${ns}:${key}: ${text}`),
    );
    // The language switch names each language in itself.
    expect(notTibetan.sort()).toEqual(["common:language.en: English", "common:language.zh-CN: 中文"]);
  });
});
