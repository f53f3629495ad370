// The render instance's t functions remember plain labels: every answer must be i18next's own, in every language and
// namespace, and calls with options must still reach i18next (plurals, values).
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

describe("the render instance's remembered translations", () => {
  it("answers every key of every namespace as i18next does, twice, in each language", async () => {
    let checked = 0;
    for (const lng of supportedLocales) {
      const plain = createInstance();
      await plain.init({ ...i18nServerConfig, lng });
      const remembering = await renderInstance(lng);
      for (const ns of namespaces) {
        const tree = (i18nServerConfig.resources as Record<string, Record<string, Tree>>)[lng][ns];
        const expected = plain.getFixedT(null, ns);
        const t = remembering.getFixedT(null, ns);
        for (const key of keysOf(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""))) {
          const want = expected(key);
          expect(t(key), `${lng} ${ns}:${key}`).toEqual(want);
          expect(t(key), `${lng} ${ns}:${key} (remembered)`).toEqual(want);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it("answers every key with flat options (plurals, values) as i18next does, twice, in each language", async () => {
    const optionSets = [{ count: 0 }, { count: 1 }, { count: 3, n: "1,234" }, { count: 21, total: "21" }, {}];
    let checked = 0;
    for (const lng of supportedLocales) {
      const plain = createInstance();
      await plain.init({ ...i18nServerConfig, lng });
      const remembering = await renderInstance(lng);
      for (const ns of namespaces) {
        const tree = (i18nServerConfig.resources as Record<string, Record<string, Tree>>)[lng][ns];
        const expected = plain.getFixedT(null, ns);
        const t = remembering.getFixedT(null, ns);
        for (const key of new Set(keysOf(tree).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""))))
          for (const options of optionSets) {
            const want = expected(key, options);
            expect(t(key, options), `${lng} ${ns}:${key} ${JSON.stringify(options)}`).toEqual(want);
            expect(t(key, { ...options }), `${lng} ${ns}:${key} (remembered)`).toEqual(want);
            checked++;
          }
      }
    }
    expect(checked).toBeGreaterThan(15_000);
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
