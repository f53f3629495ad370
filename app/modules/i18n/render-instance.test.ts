// The render instance's t functions remember labels and phrases with flat options: every answer must be i18next's own,
// in every language and namespace, and calls with other options must still reach i18next.
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { namespaces } from "~/locales/namespaces";
import { supportedLocales } from "./config";
import { i18nServerConfig } from "./i18next.server";
import { renderInstance } from "./render-instance.server";

type Tree = { [key: string]: string | Tree };
function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : keysOf(v, `${prefix}${k}.`),
  );
}

type T = (key: string, options?: Record<string, unknown>) => unknown;

/** Every key (plural forms as one) of every namespace in every language: i18next's own t beside the render's. */
async function eachKey(check: (key: string, expected: T, t: T, label: string) => void): Promise<number> {
  let checked = 0;
  for (const lng of supportedLocales) {
    const plain = createInstance();
    await plain.init({ ...i18nServerConfig, lng });
    const remembering = await renderInstance(lng);
    for (const ns of namespaces) {
      const tree = (i18nServerConfig.resources as Record<string, Record<string, Tree>>)[lng][ns];
      const expected = plain.getFixedT(null, ns) as unknown as T;
      const t = remembering.getFixedT(null, ns) as unknown as T;
      for (const key of new Set(keysOf(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))) {
        check(key, expected, t, `${lng} ${ns}:${key}`);
        checked++;
      }
    }
  }
  return checked;
}

describe("the render instance's remembered translations", () => {
  it("answers every key of every namespace as i18next does, twice, in each language", async () => {
    const checked = await eachKey((key, expected, t, label) => {
      const want = expected(key);
      expect(t(key), label).toEqual(want);
      expect(t(key), `${label} (remembered)`).toEqual(want);
    });
    expect(checked).toBeGreaterThan(3000);
  });

  it("answers every key with flat options (plurals, values) as i18next does, twice, in each language", async () => {
    const optionSets = [{ count: 0 }, { count: 1 }, { count: 3, n: "1,234" }, { count: 21, total: "21" }, {}];
    const checked = await eachKey((key, expected, t, label) => {
      for (const options of optionSets) {
        const want = expected(key, options);
        expect(t(key, options), `${label} ${JSON.stringify(options)}`).toEqual(want);
        expect(t(key, { ...options }), `${label} ${JSON.stringify(options)} (remembered)`).toEqual(want);
      }
    });
    expect(checked).toBeGreaterThan(3000);
  });

  it("keeps namespaces, key prefixes and languages apart and passes options through", async () => {
    const en = await renderInstance("en");
    const zh = await renderInstance("zh-CN");
    const t = en.getFixedT(null, "common");
    expect(t("table.total")).toBe("{{count}} in all");
    expect(t("table.total", { count: 3 })).toBe("3 in all");
    expect(t("table.total", { count: 4 })).toBe("4 in all");
    expect(t("table.total", { count: 3 })).toBe("3 in all");
    // Options that are not flat (an object value) go to i18next each time.
    expect(t("table.total", { count: 6, extra: { a: 1 } })).toBe("6 in all");
    expect(t("table.total")).toBe("{{count}} in all");
    expect(en.getFixedT(null, "common", "table")("total", { count: 5 })).toBe("5 in all");
    expect(en.getFixedT(null, "common", "table")("page")).toBe(t("table.page"));
    expect(zh.getFixedT(null, "common")("table.total")).not.toBe(t("table.total"));
    // The same key in another namespace is another string (or the key itself), never common's.
    expect(en.getFixedT(null, "people")("table.total")).not.toBe("{{count}} in all");
  });
});
