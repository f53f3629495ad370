// Each role's home at a desk (1,280 px) and on a phone (390 px): it starts with that role's next steps, and every
// figure in them opens a list that shows the same number (read where the list shows it: its total, a headline figure
// or its rows). Screenshots of every home at both widths go to test-results/screenshots/home-<role>-<width>.png.
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { FigureCheck } from "~/modules/overview/next-steps";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

type Figure = { key: string; value: number; href: string; check: FigureCheck };

const roles = [
  { name: "station", email: "station.baiba@demo.local", sections: ["myVisits", "stationVisits"] },
  { name: "org", email: "org.gar@demo.local", sections: ["deliverables", "toAnswer", "signoff"] },
  {
    name: "planner",
    email: "planner.bayi@demo.local",
    sections: ["toReview", "network", "contracts", "money", "signoff"],
  },
  { name: "auditor", email: "auditor@demo.local", sections: ["access"] },
  {
    name: "admin",
    email: "admin@demo.local",
    sections: ["toReview", "network", "contracts", "money", "access"],
  },
] as const;

async function figuresOnHome(page: Page): Promise<Figure[]> {
  return page.locator('[data-testid="next-figure"], [data-testid="month-count"]').evaluateAll((links) =>
    links.map((a) => ({
      key: a.getAttribute("data-key") ?? "monthCount",
      value: Number(a.getAttribute("data-value")),
      href: (a as HTMLAnchorElement).getAttribute("href") ?? "",
      check: JSON.parse(a.getAttribute("data-check") ?? "{}"),
    })),
  );
}

/** The number the opened list shows for the figure, where `check` says it shows it. */
async function shownOnPage(page: Page, check: FigureCheck): Promise<number> {
  switch (check.kind) {
    case "total": {
      const total = page.locator('[data-testid="list-total"]');
      // A list with nothing in it shows its empty state and no pager.
      if ((await total.count()) === 0) {
        expect(await page.locator(".empty-state").count()).toBeGreaterThan(0);
        return 0;
      }
      return Number(await total.first().getAttribute("data-total"));
    }
    case "text": {
      const text = (await page.locator(`[data-testid="${check.testId}"]`).first().textContent()) ?? "";
      const numbers = text.replace(/[,，]/g, "").match(/\d+/g) ?? [];
      return Number(numbers[check.index ?? 0]);
    }
    case "count":
      return page.locator(check.selector).count();
  }
}

async function documentFits(page: Page): Promise<{ scroll: number; viewport: number }> {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
}

describe("each role's home", () => {
  const journey = startJourney();
  beforeAll(async () => {
    // A bulk export in the auditor's region, so the auditor's "exports" figure has something to count.
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    const response = await context.request.get(`${journey.app.baseUrl}/facilities/export`);
    expect(response.status()).toBe(200);
    await context.close();
  }, 180_000);

  const homes = new Map<string, Figure[]>();

  it.each(roles)(
    "gives the $name at 1,280 px its next steps first, each figure equal to what its list shows",
    async ({ name, email, sections }) => {
      const context: BrowserContext = await newContext(journey.browser, desktop);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, journey.app.baseUrl, email);
      await page.goto(`${journey.app.baseUrl}/`);
      const steps = page.locator('[data-testid="next-steps"]');
      await steps.waitFor();
      for (const section of sections)
        expect(await page.locator(`[data-testid="next-${section}"]`).count(), section).toBe(1);
      // Next steps come before the headline tiles.
      const firstHeading = await page.locator("main h2").first().getAttribute("id");
      expect(firstHeading).toMatch(/^next-/);
      await screenshot(page, `home-${name}-1280`);
      const figures = await figuresOnHome(page);
      homes.set(name, figures);
      expect(figures.length).toBeGreaterThan(0);
      // Not vacuous: the demo gives every role something to do or to look at.
      expect(figures.some((f) => f.value > 0)).toBe(true);
      for (const figure of figures) {
        const response = await page.goto(`${journey.app.baseUrl}${figure.href}`);
        expect(response?.status(), figure.href).toBe(200);
        expect({ key: figure.key, href: figure.href, shown: await shownOnPage(page, figure.check) }).toEqual({
          key: figure.key,
          href: figure.href,
          shown: figure.value,
        });
      }
      expect(errors).toEqual([]);
      await context.close();
    },
    240_000,
  );

  it("lists the station worker's own visits before the station's", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${journey.app.baseUrl}/`);
    const items = page.locator('[data-testid="next-visits"] li');
    expect(await items.count()).toBeGreaterThan(0);
    const mine = await items.evaluateAll((lis) => lis.map((li) => li.querySelector(".badge--info") !== null));
    const firstOther = mine.indexOf(false);
    if (firstOther >= 0) expect(mine.slice(firstOther).includes(true)).toBe(false);
    await context.close();
  });

  it.each(roles)(
    "fits the $name's home on a 390 px phone with the same figures, and a tapped figure opens its list",
    async ({ name, email, sections }) => {
      const context = await newContext(journey.browser, phone);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, journey.app.baseUrl, email);
      await page.goto(`${journey.app.baseUrl}/`);
      await page.locator('[data-testid="next-steps"]').waitFor();
      for (const section of sections)
        expect(await page.locator(`[data-testid="next-${section}"]`).isVisible(), section).toBe(true);
      const { scroll, viewport } = await documentFits(page);
      expect(scroll).toBeLessThanOrEqual(viewport);
      await screenshot(page, `home-${name}-390`);
      const figures = await figuresOnHome(page);
      const atDesk = homes.get(name);
      if (atDesk)
        expect(figures.map((f) => [f.key, f.value, f.href])).toEqual(
          atDesk.map((f) => [f.key, f.value, f.href]),
        );
      // Tap the first figure that counts something, as a thumb would.
      const figure = figures.find((f) => f.value > 0) ?? figures[0];
      await page.locator(`[data-testid="next-steps"] a[href="${figure.href}"]`).first().click();
      await page.waitForURL((url) => `${url.pathname}${url.search}` === figure.href);
      // why: the address changes before React has drawn the new page; the home's sections leave when it has.
      await page.waitForFunction(() => !document.querySelector('[data-testid="next-steps"]'));
      expect(await shownOnPage(page, figure.check)).toBe(figure.value);
      expect(errors).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
