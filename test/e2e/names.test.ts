// Tibetan names in the browser (issue 16): a second file for one woman in another spelling is warned about before it
// is saved; the register finds both spellings and says which matched through a variant; the planner merges the pair
// from the review list. Screenshots at 390 and 1280 px.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildIdNumber } from "~/modules/people/id-number";
import { collectPageErrors, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

describe("names across spellings", () => {
  const journey = startJourney();

  async function register(page: Page, name: string, sequence: number, nameBo?: string) {
    await page.goto(`${journey.app.baseUrl}/people/new`);
    await page.fill('input[name="fullName"]', name);
    if (nameBo) await page.fill('input[name="nameBo"]', nameBo);
    await page.fill(
      'input[name="idNumber"]',
      buildIdNumber({ region6: "540402", birthDate: "1949-08-16", sequence }),
    );
    await page.selectOption('select[name="sex"]', "female");
    await page.fill('input[name="birthDate"]', "1949-08-16");
    await page.selectOption('select[name="villageId"]', { label: "开朗村" });
    await page.check('input[name="categories"][value="tekun_dispersed"]');
    await page.click('.person-form button[type="submit"]');
  }

  it("warns before a second file in another spelling, finds both spellings, and merges them", async () => {
    const station = await (await newContext(journey.browser)).newPage();
    const errors = collectPageErrors(station);
    await signIn(station, journey.app.baseUrl, "station.baiba@demo.local");
    await register(station, "次仁卓玛", 942, "ཚེ་རིང་སྒྲོལ་མ།");
    await station.waitForURL(/\/people\/\d+\?created=1/);
    await expect(station.textContent(".person-file")).resolves.toContain("ཚེ་རིང་སྒྲོལ་མ");

    await register(station, "才仁卓嘛", 944);
    await station.waitForSelector('[data-testid="duplicate-warning"]');
    await expect(station.textContent('[data-testid="duplicate-warning"]')).resolves.toContain("次仁卓玛");
    await screenshot(station, "names-new-person-warning-1280");
    await station.fill(
      'input[name="idNumber"]',
      buildIdNumber({ region6: "540402", birthDate: "1949-08-16", sequence: 944 }),
    );
    await station.check('input[name="notDuplicate"]');
    await Promise.all([
      station.waitForURL(/\/people\/\d+\?created=1/),
      station.click('.person-form button[type="submit"]'),
    ]);

    const planner = await (await newContext(journey.browser)).newPage();
    await signIn(planner, journey.app.baseUrl, "planner.bayi@demo.local");
    await planner.goto(`${journey.app.baseUrl}/people?q=${encodeURIComponent("才仁卓玛")}`);
    const names = await planner.locator('[data-testid="people-table"] .person-link').allTextContents();
    expect(names).toEqual(expect.arrayContaining(["次仁卓玛", "才仁卓嘛"]));
    await expect(planner.textContent('[data-testid="people-table"]')).resolves.toContain("按异写匹配");
    await screenshot(planner, "names-register-variant-search-1280");
    await planner.goto(`${journey.app.baseUrl}/people?q=crzm`);
    expect(await planner.locator('[data-testid="people-table"] .person-link').allTextContents()).toEqual(
      expect.arrayContaining(["次仁卓玛", "才仁卓嘛"]),
    );

    await planner.goto(`${journey.app.baseUrl}/people/duplicates`);
    const card = planner.locator('[data-testid="duplicate-pair"]', { hasText: "才仁卓嘛" });
    await expect(card.textContent()).resolves.toContain("姓名为同一藏文名的不同写法");
    await screenshot(planner, "names-duplicates-1280");
    const small = await (await newContext(journey.browser, phone)).newPage();
    await signIn(small, journey.app.baseUrl, "planner.bayi@demo.local");
    await small.goto(`${journey.app.baseUrl}/people/duplicates`);
    await screenshot(small, "names-duplicates-390");
    await small.goto(`${journey.app.baseUrl}/people?q=${encodeURIComponent("才仁卓玛")}`);
    await screenshot(small, "names-register-variant-search-390");

    await card.locator('input[name="keepId"]').first().check();
    await card.locator('input[name="reason"]').first().fill("两次登记同一人");
    await card.locator('input[name="confirm"]').check();
    await Promise.all([
      planner.waitForURL(/\/people\/\d+\?merged=\d+/),
      card.locator('button[type="submit"]', { hasText: "合并" }).click(),
    ]);
    await planner.waitForSelector('[data-testid="merged-from"]');
    await screenshot(planner, "names-merged-file-1280");
    await expect(planner.textContent('[data-testid="flash"]')).resolves.toContain("档案已合并");
    await expect(planner.textContent('[data-testid="merged-from"]')).resolves.toMatch(/次仁卓玛|才仁卓嘛/);
    await screenshot(planner, "names-merged-file-1280");
    expect(errors).toEqual([]);
  });
});
