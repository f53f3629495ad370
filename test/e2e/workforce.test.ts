// The workforce register in the browser, on a phone and on a desktop: a planner registers a worker with a
// social-work qualification from the station's page, records a training they attended, and sees the station's
// certified share and training hours change, the same on the coverage page; the year in review of 2023 shows the
// articles' figures.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

describe("the workforce register in the browser", () => {
  const journey = startJourney();

  async function widthOf(page: Page) {
    return page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
  }

  const cases = [
    { name: "phone", viewport: phone, station: "540402103000-SW01", worker: "示例·手机登记社工" },
    { name: "desktop", viewport: desktop, station: "540402100000-SW01", worker: "示例·桌面登记社工" },
  ];

  it.each(cases)(
    "registers a qualified worker and a training on a $name, and the station's certified share changes",
    async ({ name, viewport, station, worker }) => {
      const [{ id }] = await journey.sql<{ id: number }[]>`select id from facilities where code = ${station}`;
      const context = await newContext(journey.browser, viewport);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");

      await page.goto(`${journey.app.baseUrl}/facilities/${id}`);
      const certified = page.locator('[data-testid="workforce-certified"]');
      const before = (await certified.textContent())?.trim();
      const hoursBefore = (await page.locator('[data-testid="workforce-hours"]').textContent())?.trim();
      expect(before).toMatch(/%/);
      await screenshot(page, `workforce-${name}-facility-before`);

      await page.locator('[data-testid="facility-workforce"] a[href^="/workforce/new"]').click();
      await page.waitForURL((url) => url.pathname === "/workforce/new");
      const form = page.locator('[data-testid="worker-form"]');
      await form.locator('input[name="fullName"]').fill(worker);
      await form.locator('select[name="role"]').selectOption("social_worker");
      expect(await form.locator('select[name="facilityId"]').inputValue()).toBe(String(id));
      await form.locator('select[name="socialWorkLevel"]').selectOption("assistant");
      await form.locator('input[name="socialWorkCertificateNo"]').fill(`ZL2025${id}0001`);
      await form.locator('input[name="socialWorkYear"]').fill("2025");
      await screenshot(page, `workforce-${name}-form`);
      await Promise.all([
        page.waitForURL((url) => /^\/workforce\/\d+$/.test(url.pathname)),
        form.locator('button[type="submit"]').click(),
      ]);
      await page.getByText("已登记").first().waitFor();
      expect(await page.locator('[data-testid="worker-qualification"]').textContent()).toContain(
        "助理社工师",
      );
      await screenshot(page, `workforce-${name}-worker`);

      await page.goto(`${journey.app.baseUrl}/workforce/trainings/new`);
      const training = page.locator('[data-testid="training-form"]');
      const topic = `示例培训（${name}）`;
      await training.locator('input[name="topic"]').fill(topic);
      await training.locator('input[name="organizer"]').fill("巴宜区民政局");
      await training.locator('input[name="hours"]').fill("3");
      await training.locator('input[name="outsideParticipants"]').fill("12");
      await training.locator("label.check", { hasText: worker }).locator("input").check();
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/workforce/trainings"),
        training.locator('button[type="submit"]').click(),
      ]);
      await page.getByText(topic).first().waitFor();
      expect((await widthOf(page)).scroll).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `workforce-${name}-trainings`);

      // Edited from its row: the same form, prefilled; the list shows the new topic.
      await page
        .locator('[data-testid="training-table"] tr', { hasText: topic })
        .locator('[data-testid="training-edit-link"]')
        .click();
      await page.waitForURL(/\/workforce\/trainings\/\d+\/edit$/);
      const edit = page.locator('[data-testid="training-form"]');
      expect(await edit.locator('input[name="hours"]').inputValue()).toBe("3");
      await edit.locator('input[name="topic"]').fill(`${topic}·修改`);
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/workforce/trainings"),
        edit.locator('button[type="submit"]').click(),
      ]);
      await page.getByText(`${topic}·修改`).first().waitFor();

      await page.goto(`${journey.app.baseUrl}/facilities/${id}`);
      const after = (await certified.textContent())?.trim();
      expect(after).not.toBe(before);
      expect((await page.locator('[data-testid="workforce-hours"]').textContent())?.trim()).not.toBe(
        hoursBefore,
      );
      const [{ certifiedNow, workersNow }] = await journey.sql<
        { certifiedNow: number; workersNow: number }[]
      >`
        select count(*) filter (where social_work_level is not null
            or exists (select 1 from worker_certificates c where c.worker_id = workers.id))::int as "certifiedNow",
          count(*)::int as "workersNow"
        from workers where facility_id = ${id} and ends_on is null`;
      expect(after).toContain(`${certifiedNow}/${workersNow}`);
      expect((await widthOf(page)).scroll).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `workforce-${name}-facility-after`);

      // The coverage page of the station's township shows the same figure, from the same definition.
      await page.goto(`${journey.app.baseUrl}/coverage?region=${station.slice(0, 12)}`);
      const row = page.locator(`[data-testid="workforce-rows"] tr[data-code="${id}"]`);
      expect((await row.locator('[data-testid="row-certified"]').textContent())?.trim()).toBe(after);
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, `workforce-${name}-coverage`);
      expect(errors).toEqual([]);
      await context.close();
    },
    180_000,
  );

  it("shows the articles' figures in the year in review of 2023: Ngari's carers 100% certified, Bayi's three trainings", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/reports/year-in-review?year=2023&region=542500`);
    const ngari = page.locator('[data-testid="review-workforce"]');
    expect(await ngari.locator('[data-testid="region-carers-certified"]').textContent()).toMatch(/^100\.0%/);
    await screenshot(page, "workforce-review-ngari-2023");
    await context.close();

    const bayi = await newContext(journey.browser, desktop);
    const page2 = await bayi.newPage();
    await signIn(page2, journey.app.baseUrl, "planner.bayi@demo.local");
    await page2.goto(`${journey.app.baseUrl}/reports/year-in-review?year=2023&region=540402`);
    expect(await page2.locator('[data-testid="review-trainings"]').textContent()).toContain(
      "共组织培训 3 次，14.0 学时，108 人次参加",
    );
    await screenshot(page2, "workforce-review-bayi-2023");
    await bayi.close();
  });
});
