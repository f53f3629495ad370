// On a 390 px phone, for every role: each page of the navigation, reached through the phone menu, fits the screen
// (the document is no wider than the viewport), the menu is closed once the page is there, and on the map a tapped
// station opens its card on screen. The map runs with no reachable tile server (a closed local port).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { freePort } from "../support/app-server";
import { collectPageErrors, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

const roles = [
  { name: "admin", email: "admin@demo.local" },
  { name: "planner", email: "planner.ngari@demo.local" },
  { name: "org", email: "org.gar@demo.local" },
  { name: "station", email: "station.baiba@demo.local" },
  { name: "auditor", email: "auditor@demo.local" },
] as const;

const menu = "details.topbar__menu";

async function openMenu(page: Page): Promise<void> {
  if (!(await page.locator(menu).evaluate((el) => (el as HTMLDetailsElement).open)))
    await page.locator(`${menu} > summary`).click();
  await page.locator(`${menu} nav a`).first().waitFor({ state: "visible" });
}

async function widthOf(page: Page) {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    const wide = [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1)
      .filter((el) => !el.closest(".table-wrap, .leaflet-container"))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
    return { scroll: document.documentElement.scrollWidth, viewport, wide };
  });
}

/** Opens clusters until a single facility marker is on the map, then taps it. */
async function openAnyMarker(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    // why: on a small screen markers overlap each other and the sticky header; a tap goes to the marker itself.
    const marker = page.locator(".leaflet-marker-icon.map-marker").first();
    if (await marker.count()) {
      await marker.dispatchEvent("click");
      return;
    }
    await page.locator(".map-cluster").first().dispatchEvent("click");
    await page.waitForTimeout(600);
  }
  throw new Error("No facility marker became visible");
}

describe("the app on a 390 px phone", () => {
  const journey = startJourney(async () => ({
    env: { MAP_TILES: "custom", TILE_URL: `http://127.0.0.1:${await freePort()}/{z}/{x}/{y}.png` },
  }));

  it.each(roles)(
    "fits every page of the $name's navigation on the screen and closes the menu once a page is chosen",
    async ({ name, email }) => {
      const context = await newContext(journey.browser, phone);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, journey.app.baseUrl, email);
      await page.goto(`${journey.app.baseUrl}/`);
      await openMenu(page);
      const targets = await page
        .locator(`${menu} nav a`)
        .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      expect(targets.length).toBeGreaterThan(3);
      const problems: string[] = [];
      for (const to of targets) {
        const before = { title: await page.title(), path: new URL(page.url()).pathname };
        try {
          await openMenu(page);
          await page.locator(`${menu} nav a[href="${to}"]`).click({ timeout: 10_000 });
          await page.waitForURL((url) => url.pathname === to, { timeout: 15_000 });
          // why: the address changes before React has drawn the new page; its title changes when it has.
          if (before.path !== to)
            await page.waitForFunction((prev) => document.title !== prev, before.title, { timeout: 15_000 });
        } catch (error) {
          problems.push(
            `${to}: not reached from ${before.path} through the menu (${(error as Error).message.split("\n")[0]})`,
          );
          await page.goto(`${journey.app.baseUrl}${to}`);
        }
        await page.waitForLoadState("networkidle");
        if (await page.locator(menu).evaluate((el) => (el as HTMLDetailsElement).open))
          problems.push(`${to}: the menu is still open`);
        const { scroll, viewport, wide } = await widthOf(page);
        if (scroll > viewport)
          problems.push(`${to}: ${scroll} px wide on a ${viewport} px screen (${wide.join(", ")})`);
      }
      await screenshot(page, `phone-${name}-last-page`);
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
    300_000,
  );

  it("opens a tapped station's card on the phone screen, near the thumb, over a map drawn without tiles", async () => {
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/map`);
    await page.waitForSelector(".leaflet-container");
    await page.waitForSelector(".map-cluster, .map-marker");
    // No tile server answers: the map says so and still draws the counties.
    await page.locator('[data-testid="map-offline"]').waitFor({ timeout: 15_000 });
    expect(await page.locator("path.map-county").count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await openAnyMarker(page);
    const card = page.locator('[data-testid="station-card"]');
    await card.waitFor();
    const box = await card.boundingBox();
    expect(box).not.toBeNull();
    // Fully on screen, and in the lower part where a thumb reaches.
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(phone.height + 1);
    expect(box!.y + box!.height).toBeGreaterThan(phone.height * 0.75);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(phone.width + 1);
    await screenshot(page, "phone-map-card");
    await context.close();
  });
});
