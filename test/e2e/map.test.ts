// The planner's map journey in production mode (CSP with nonces, built assets), with no tile server reachable:
// TILE_URL points at a closed port on this machine, so the result does not depend on the machine's internet access.
import type { Page } from "playwright-core";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { freePort } from "../support/app-server";
import { collectPageErrors, newContext, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

/** Clicks clusters until a single facility marker is on screen, then clicks it. */
async function openAnyMarker(page: Page): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const marker = page.locator(".map-marker [data-facility-id]").first();
    if (await marker.count()) {
      const id = (await marker.getAttribute("data-facility-id"))!;
      await marker.click();
      return id;
    }
    await page.locator(".map-cluster").first().click();
    await page.waitForTimeout(400);
  }
  throw new Error("No facility marker became visible");
}

describe("the station map", () => {
  let tileOrigin: string;
  const journey = startJourney(async () => {
    // why: a port that was free a moment ago and that nothing listens on: every tile request is refused at once.
    tileOrigin = `http://127.0.0.1:${await freePort()}`;
    return { env: { TILE_URL: `${tileOrigin}/{z}/{x}/{y}.png`, TILE_CRS: "wgs84" } };
  });

  it("lets a planner see clustered markers, filter to one county, open a station card and follow it", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/map`);
    await page.waitForSelector(".leaflet-container");
    await page.waitForSelector(".map-cluster");
    // The base layer asks the configured tile server, which does not answer: no tile loads...
    const tileSources = await page
      .locator("img.leaflet-tile")
      .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
    expect(tileSources.length).toBeGreaterThan(0);
    for (const src of tileSources) expect(src.startsWith(`${tileOrigin}/`)).toBe(true);
    expect(await page.locator("img.leaflet-tile-loaded").count()).toBe(0);
    // ...and county outlines and township areas are drawn all the same.
    expect(await page.locator("path.map-county").count()).toBe(7);
    expect(await page.locator("path.map-township").count()).toBeGreaterThan(20);
    const clusterTotal = await page
      .locator(".map-cluster span")
      .allTextContents()
      .then((texts) => texts.reduce((sum, t) => sum + Number(t), 0));
    expect(clusterTotal).toBeGreaterThan(1);
    await screenshot(page, "map-planner-ngari-clusters");

    // Filter to Gar county: the URL carries the filter, the map redraws with one county.
    await page.selectOption('select[name="county"]', "542523000000");
    await page.waitForURL(/county=542523000000/);
    await page.waitForFunction(() => document.querySelectorAll("path.map-county").length === 1);
    await page.waitForSelector(".map-cluster, .map-marker");
    await screenshot(page, "map-planner-gar-filtered");

    const id = await openAnyMarker(page);
    const card = page.locator('[data-testid="station-card"]');
    await card.waitFor();
    await expect(card.locator("h2").textContent()).resolves.toBeTruthy();
    expect(await card.textContent()).toContain("噶尔县");
    await screenshot(page, "map-station-card");

    await Promise.all([
      page.waitForURL(`${journey.app.baseUrl}/facilities/${id}`),
      card.locator('[data-testid="card-open"]').click(),
    ]);
    await page.waitForSelector('[data-testid="status-history"]');
    await screenshot(page, "map-station-page");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets another planner move a station on the map and sees it saved", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
    await page.goto(`${journey.app.baseUrl}/map?township=540402101000&kind=social_work_station`);
    await page.waitForSelector(".map-marker [data-facility-id]");
    const marker = page.locator(".map-marker [data-facility-id]").first();
    const id = Number(await marker.getAttribute("data-facility-id"));
    const sql = postgres(journey.app.databaseUrl!, { max: 1 });
    const [before] = await sql`select lat, lng, coord_quality from facilities where id = ${id}`;
    await marker.click();
    await page.locator('[data-testid="move-start"]').click();
    await page.waitForSelector(".map-edit-marker");
    const pin = page.locator(".map-edit-marker");
    const box = (await pin.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2 + 10, { steps: 8 });
    await page.mouse.up();
    await page.locator('[data-testid="move-panel"] input[type="checkbox"]').check();
    await screenshot(page, "map-move-station");
    await page.locator('[data-testid="move-save"]').click();
    await page.waitForSelector('[data-testid="location-saved"]');
    const [after] = await sql`select lat, lng, coord_quality from facilities where id = ${id}`;
    const [audit] =
      await sql`select action from audit_log where entity_type = 'facility' and entity_id = ${String(id)} order by id desc limit 1`;
    await sql.end();
    expect(after.lng).not.toBe(before.lng);
    expect(after.lat).not.toBe(before.lat);
    expect(after.lng).toBeGreaterThan(before.lng);
    expect(after.coord_quality).toBe("surveyed");
    expect(audit.action).toBe("facility.move");
    await screenshot(page, "map-move-saved");
    // The station page shows the new position.
    await page.goto(`${journey.app.baseUrl}/facilities/${id}`);
    expect(await page.textContent('[data-testid="facility-point"]')).toContain(after.lat.toFixed(6));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows placement suggestions on the map for a planner", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/map?suggest=3`);
    await page.waitForSelector(".map-suggestion");
    expect(await page.locator(".map-suggestion").count()).toBe(3);
    expect(await page.locator('[data-testid="map-suggestions"] li').count()).toBe(3);
    await screenshot(page, "map-suggestions-ngari");
    await context.close();
  });

  it("shows on the map the suggestions the coverage page lists, for its prefecture and weight", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    // An admin sees every region: the map must not fall back to some county of the admin's choosing.
    await signIn(page, journey.app.baseUrl, "admin@demo.local");
    await page.goto(`${journey.app.baseUrl}/coverage?region=542500000000&k=3&weight=villages`);
    const listed = await page
      .locator('[data-testid="placement-suggestions"] tbody tr td:nth-child(2)')
      .evaluateAll((cells) => cells.map((td) => td.firstChild?.textContent?.trim() ?? ""));
    expect(listed).toHaveLength(3);
    await Promise.all([page.waitForURL(/\/map\?/), page.locator('[data-testid="show-on-map"]').click()]);
    expect(page.url()).toContain("region=542500000000");
    expect(page.url()).toContain("weight=villages");
    await page.waitForSelector(".map-suggestion");
    const panel = page.locator('[data-testid="map-suggestions"]');
    expect(await panel.locator("h3").textContent()).toContain("阿里地区");
    const shown = await panel.locator("li").allTextContents();
    expect(shown).toHaveLength(3);
    shown.forEach((text, i) => {
      expect(text).toContain(listed[i]);
      expect(text).toContain("个村");
    });
    expect(await page.locator(".map-suggestion").count()).toBe(3);
    await screenshot(page, "map-suggestions-from-coverage");
    // Another filter keeps the region and the weight.
    await page.selectOption('select[name="kind"]', "social_work_station");
    await page.waitForURL(/kind=social_work_station/);
    expect(page.url()).toContain("region=542500000000");
    expect(page.url()).toContain("weight=villages");
    await expect(panel.locator("li").allTextContents()).resolves.toEqual(shown);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows station staff only their own township on the map", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${journey.app.baseUrl}/map`);
    await page.waitForSelector(".map-marker [data-facility-id], .map-cluster");
    const sql = postgres(journey.app.databaseUrl!, { max: 1 });
    const own =
      await sql`select f.id from facilities f join regions t on t.id = f.township_id where t.code = '540402101000' and f.lat is not null`;
    await sql.end();
    const subtitle = await page.textContent(".page-header__subtitle");
    expect(subtitle).toContain(String(own.length));
    expect(await page.locator("path.map-county").count()).toBe(0);
    expect(await page.locator('[data-testid="move-start"]').count()).toBe(0);
    await screenshot(page, "map-station-staff");
    await context.close();
  });
});
