// One figure, one meaning, as a reader sees it (issue 12): the budget and the year in review print the same spent
// amount in 万元 with two decimals; a contract behind on home visits says so, and only so, on its page and its card;
// the home tiles say what they count. Screenshots at 390 and 1280 px.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(
  new Date(),
);

describe("figures that mean one thing on every page", () => {
  const journey = startJourney();

  async function as(email: string, viewport = desktop): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(journey.browser, viewport);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, email);
    return { page, errors };
  }

  it("prints the same spent amount, in 万元 with two decimals, on /budget and in the year in review", async () => {
    for (const [viewport, width] of [
      [desktop, 1280],
      [phone, 390],
    ] as const) {
      const { page, errors } = await as("planner.bayi@demo.local", viewport);
      await page.goto(`${journey.app.baseUrl}/budget?year=${year}`);
      const spent = (await page.textContent('[data-testid="budget-spent"]'))?.trim() ?? "";
      expect(spent).toMatch(/^[\d,]+\.\d{2} 万元$/);
      await expect(page.textContent('[data-testid="budget-definition"]')).resolves.toContain(
        "年度工作回顾使用同一口径",
      );
      await screenshot(page, `figures-budget-${width}`);
      await page.goto(`${journey.app.baseUrl}/reports/year-in-review?year=${year}`);
      const totals = await page.locator('[data-testid="funds"] tfoot th').allTextContents();
      expect(totals.map((t) => t.trim())).toContain(spent);
      await expect(page.textContent('[data-testid="headline-children-centre"]')).resolves.not.toBe("0");
      await screenshot(page, `figures-year-in-review-${width}`);
      expect(errors).toEqual([]);
    }
  });

  it("names only home visits as behind for the Gar children's contract, on its page and on its activity card", async () => {
    for (const [viewport, width] of [
      [desktop, 1280],
      [phone, 390],
    ] as const) {
      const { page, errors } = await as("planner.ngari@demo.local", viewport);
      await page.goto(`${journey.app.baseUrl}/contracts?q=ALI-2026-ET-GAR-ETGA`);
      await Promise.all([
        page.waitForURL(/\/contracts\/\d+$/),
        page.locator('[data-testid="contract-table"] a[href^="/contracts/"]').first().click(),
      ]);
      const id = new URL(page.url()).pathname.split("/")[2];
      const badge = (await page.textContent('[data-testid="behind-badge"]'))?.trim();
      expect(badge).toBe("指标滞后：入户探访");
      await screenshot(page, `figures-contract-behind-${width}`);
      await page.goto(`${journey.app.baseUrl}/activities?contract=${id}`);
      const card = page.locator('[data-testid="contract-progress-ALI-2026-ET-GAR-ETGA"]');
      await expect(card.locator('[data-testid="behind-badge"]').textContent()).resolves.toBe(
        "进度滞后：入户探访",
      );
      await expect(
        card.locator('[data-testid="progress-home-visits"]').getAttribute("data-status"),
      ).resolves.toBe("behind");
      await expect(
        card.locator('[data-testid="progress-activities"]').getAttribute("data-status"),
      ).resolves.toBe("met");
      await screenshot(page, `figures-activity-card-${width}`);
      expect(errors).toEqual([]);
    }
  });

  it("says on the home page what the auditor's people figure leaves out and that the station's visits are the whole station's", async () => {
    for (const [viewport, width] of [
      [desktop, 1280],
      [phone, 390],
    ] as const) {
      const auditor = await as("auditor@demo.local", viewport);
      await expect(
        auditor.page.locator("a:has([data-testid='people-in-care'])").textContent(),
      ).resolves.toContain("不含儿童档案");
      await screenshot(auditor.page, `figures-home-auditor-${width}`);
      const station = await as("station.baiba@demo.local", viewport);
      await expect(
        station.page.locator("a:has([data-testid='visits-overdue'])").textContent(),
      ).resolves.toContain("全站");
      await screenshot(station.page, `figures-home-station-${width}`);
      expect([...auditor.errors, ...station.errors]).toEqual([]);
    }
  });
});
