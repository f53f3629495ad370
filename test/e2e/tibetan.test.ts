// The Tibetan interface in production mode: station staff switch to བོད་ཡིག on a phone and work in it (home, visit
// list, a person's file), the choice is kept on the account, and a planner's region import with Tibetan names shows
// them on the map. Screenshots land in test-results/screenshots/tibetan-*.png.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { freePort } from "../support/app-server";
import { collectPageErrors, newContext, phone, screenshot, signIn, switchLanguage } from "../support/browser";
import { startJourney } from "../support/journey";

const han = /\p{Script=Han}/u;
const tibetan = /[\u0F00-\u0FFF]/u;

/** The words the interface itself writes in the navigation: all of them Tibetan once the language is bo. */
async function navigationLabels(page: Page): Promise<string[]> {
  return page.locator(".topbar__menu .side-nav a, .topbar__menu .side-nav__heading").allTextContents();
}

describe("the Tibetan interface", () => {
  // why: the map's tiles point at a closed local port, so the map test does not depend on internet access.
  const journey = startJourney(async () => ({
    env: { TILE_URL: `http://127.0.0.1:${await freePort()}/{z}/{x}/{y}.png`, TILE_CRS: "wgs84" },
  }));

  /** The files of a language's strings chunks, from the client manifest of the build the app serves. */
  function localeChunks(locale: string): Set<string> {
    const manifest = JSON.parse(
      fs.readFileSync(path.resolve("build/.vite/client-manifest.json"), "utf8"),
    ) as Record<string, { file?: string }>;
    return new Set(
      Object.entries(manifest)
        .filter(([source, entry]) => source.startsWith(`app/locales/${locale}/`) && entry.file)
        .map(([, entry]) => `/${entry.file}`),
    );
  }

  it("lets station staff switch to Tibetan on a phone and see home, visits and a person's file in Tibetan", async () => {
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");
    await page.locator('[data-testid="stations-operating"]').waitFor();
    await switchLanguage(page, "bo");

    // Home: Tibetan headings and navigation, the Tibetan font linked, only this language's strings preloaded.
    expect(await page.getAttribute("html", "lang")).toBe("bo");
    await expect(page.textContent('[data-testid="home-greeting"]')).resolves.toMatch(
      /^བཀྲ་ཤིས་བདེ་ལེགས། .* \(ས་ཚིགས་ལས་བྱེད་པ།\)$/,
    );
    expect(await page.locator('link[rel="stylesheet"][href*="tibetan"]').count()).toBe(1);
    const preloads = await page
      .locator('link[rel="modulepreload"]')
      .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    // One chunk per language and namespace; the build's client manifest says which file is whose.
    const paths = preloads.map((href) => new URL(href).pathname);
    const [bo, zh, en] = ["bo", "zh-CN", "en"].map(localeChunks);
    expect(bo.size).toBeGreaterThan(10);
    expect(paths.filter((p) => bo.has(p)).length).toBeGreaterThan(0);
    expect(paths.filter((p) => zh.has(p) || en.has(p))).toEqual([]);
    await page.click(".topbar__menu summary");
    const labels = await navigationLabels(page);
    expect(labels.length).toBeGreaterThan(3);
    for (const label of labels) {
      expect(label, label).toMatch(tibetan);
      expect(label, label).not.toMatch(han);
    }
    expect(labels).toContain("ཞབས་ཞུ་ཞུ་ཡུལ།");
    await page.click(".topbar__menu summary");
    // The Tibetan web font is there for phones without one.
    expect(
      await page.evaluate(async () => {
        await document.fonts.ready;
        await document.fonts.load('16px "Noto Serif Tibetan"', "བོད་ཡིག");
        return document.fonts.check('16px "Noto Serif Tibetan"', "བོད་ཡིག");
      }),
    ).toBe(true);
    await screenshot(page, "tibetan-home-phone");

    // The visit list: Tibetan labels, ISO dates, days overdue counted in Tibetan.
    await page.goto(`${journey.app.baseUrl}/visits?due=overdue`);
    const cards = page.locator('[data-testid="visit-list"] li');
    expect(await cards.count()).toBeGreaterThan(0);
    await expect(cards.first().locator('[data-testid="overdue-badge"]').textContent()).resolves.toMatch(
      /^ཉིན་ \d+ ཡོལ།$/,
    );
    await expect(page.textContent("h1")).resolves.toBe("བཅར་འདྲི།");
    await screenshot(page, "tibetan-visits-phone");

    // A person's file, from the register: field names, categories and visits in Tibetan.
    await page.goto(`${journey.app.baseUrl}/people`);
    const first = page.locator('[data-testid="people-table"] tbody tr a').first();
    await Promise.all([page.waitForURL(/\/people\/\d+$/), first.click()]);
    await page.locator('[data-testid="masked-id"]').waitFor();
    const main = (await page.textContent("main"))!;
    expect(main).toContain("གཞི་རྩའི་ཆ་འཕྲིན།");
    expect(main).toContain("ཐོབ་ཐང་ལག་ཁྱེར་ཨང་།");
    expect(main).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(main).not.toMatch(/\d{4}年\d{1,2}月/);
    await screenshot(page, "tibetan-person-file-phone");
    expect(errors).toEqual([]);
    await context.close();

    // The choice is kept on the account: a new browser signs in to Tibetan, and Chinese is one switch away.
    const second = await newContext(journey.browser, phone);
    const page2 = await second.newPage();
    await signIn(page2, journey.app.baseUrl, "station.baiba@demo.local");
    // Signing in navigates without a reload: the page turns Tibetan once the Tibetan strings have arrived.
    await page2.waitForFunction(() => document.documentElement.lang === "bo");
    await expect(page2.textContent('[data-testid="home-greeting"]')).resolves.toMatch(/^བཀྲ་ཤིས་བདེ་ལེགས།/);
    await switchLanguage(page2, "zh-CN");
    await expect(page2.textContent('[data-testid="home-greeting"]')).resolves.toMatch(/^您好，/);
    // A Chinese page loads no Tibetan stylesheet (a prefetch hint for a people page, which may show a name_bo, is not one).
    expect(await page2.locator('link[rel="stylesheet"][href*="tibetan"]').count()).toBe(0);
    await second.close();
  });

  it("works without JavaScript: the language menu opens and switches with a plain form post", async () => {
    const context = await newContext(journey.browser, phone, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${journey.app.baseUrl}/login`);
    await Promise.all([page.waitForURL(/\/login/), page.click('.auth-lang button[data-locale="bo"]')]);
    expect(await page.getAttribute("html", "lang")).toBe("bo");
    await expect(page.textContent("h1")).resolves.toBe("ས་ཚིགས་ཞབས་ཞུའི་དྲ་བར་ནང་འཛུལ།");
    await screenshot(page, "tibetan-login-phone-no-js");
    await page.fill('input[name="email"]', "station.baiba@demo.local");
    await page.fill('input[name="password"]', "demo12345");
    await Promise.all([page.waitForURL(`${journey.app.baseUrl}/`), page.click('button[type="submit"]')]);
    await page.click(".topbar__lang summary");
    await Promise.all([page.waitForLoadState("load"), page.click('.topbar__lang button[data-locale="en"]')]);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await context.close();
  });

  it("shows the Tibetan names a region import brings on the map, beside the Chinese ones", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await switchLanguage(page, "bo");
    await page.goto(`${journey.app.baseUrl}/regions/import`);
    await page.setInputFiles('input[name="file"]', {
      name: "gar-tibetan-names.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        [
          "code,name,parent_code,lat,lng,population,name_bo,name_pinyin",
          "542523100000,狮泉河镇,542523000000,,,,སེང་གེ་ཁ་འབབ་གྲོང་རྡལ།,Shīquánhé Zhèn",
        ].join("\n"),
      ),
    });
    await page.click('[data-testid="import-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="import-commit"]');
    await page.click('[data-testid="import-commit"]');
    await page.waitForFunction(() => document.body.textContent?.includes("ནང་འདྲེན་ལེགས་གྲུབ།"));

    await page.goto(`${journey.app.baseUrl}/map?county=542523000000`);
    await page.waitForSelector(".leaflet-container");
    const label = page.locator(".map-region-label--township", { hasText: "སེང་གེ་ཁ་འབབ་གྲོང་རྡལ།" });
    await label.waitFor();
    expect(await label.textContent()).toBe("སེང་གེ་ཁ་འབབ་གྲོང་རྡལ། (狮泉河镇)");
    // The county picker names the county in Tibetan too (from the demo data).
    const county = await page.locator('select[name="county"] option[value="542523000000"]').textContent();
    expect(county).toBe("སྒར་རྫོང་། (噶尔县)");
    await page.waitForSelector(".map-cluster, .map-marker");
    await screenshot(page, "tibetan-map-gar-townships");

    // In Chinese the map keeps the Chinese names alone.
    await switchLanguage(page, "zh-CN");
    const zhLabel = page.locator(".map-region-label--township", { hasText: "狮泉河镇" });
    await zhLabel.waitFor();
    expect(await zhLabel.textContent()).toBe("狮泉河镇");
    expect(errors).toEqual([]);
    await context.close();
  });
});
