// Home visits in the browser, on the real built app with its reminder workers running in-process (own Redis prefix):
// station staff find an overdue visit, record that it needs a follow-up, see the follow-up scheduled and the bell
// count rise when the follow-up reminder is delivered.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysToDate, todayInShanghai } from "~/utils/dates";
import { removeKeysWithPrefix } from "../../workers/testing/processes";
import { type AppServer, startAppServer } from "../support/app-server";
import { collectPageErrors, launchBrowser, newContext, phone, screenshot, signIn } from "../support/browser";

async function bellCount(page: Page): Promise<number> {
  const badge = page.locator('[data-testid="unread-count"]');
  if ((await badge.count()) === 0) return 0;
  return Number((await badge.textContent())?.replace("+", "") ?? 0);
}

describe("home visits", () => {
  let app: AppServer;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startAppServer({
        database: "demo",
        env: { IN_PROCESS_WORKERS: "1", REMINDER_QUIET_HOURS: "off", REMINDER_SCAN_EVERY_MS: "600000" },
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    // The app's in-process workers used the shared Redis under this file's own prefix.
    await removeKeysWithPrefix(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", process.env.QUEUE_PREFIX!);
  });

  it("lets station staff record an overdue visit as needing follow-up, schedules the follow-up and rings the bell", async () => {
    const context = await newContext(browser, phone);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${app.baseUrl}/visits?due=overdue`);
    const cards = page.locator('[data-testid="visit-list"] li');
    expect(await cards.count()).toBeGreaterThan(0);
    await expect(cards.first().locator('[data-testid="overdue-badge"]').textContent()).resolves.toMatch(
      /逾期 \d+ 天/,
    );
    await screenshot(page, "visits-overdue-phone");
    const personName = (await cards.first().locator(".visit-card__name").textContent())!.trim();
    // Let the workers' first scan settle, then remember the bell.
    await page.waitForTimeout(1500);
    await page.reload();
    const before = await bellCount(page);

    await cards.first().locator(".visit-card__action").click();
    await page.waitForURL(/\/visits\/\d+$/);
    await page.check('input[name="outcome"][value="needs_follow_up"]');
    await page.fill('textarea[name="notes"]', "血压偏高，已联系乡卫生院。");
    await page.fill('input[name="followUpReason"]', "复查血压");
    const tomorrow = addDaysToDate(todayInShanghai(), 1);
    await page.fill('input[name="followUpOn"]', tomorrow);
    await screenshot(page, "visits-record-follow-up-phone");
    await Promise.all([page.waitForURL(/recorded=1/), page.click('.record-card button[type="submit"]')]);
    await expect(page.textContent('[data-testid="follow-up-scheduled"]')).resolves.toContain("已安排回访");
    await screenshot(page, "visits-follow-up-scheduled-phone");

    // The follow-up is on the person's file, due tomorrow.
    await page.click("text=查看档案");
    await expect(page.textContent('[data-testid="open-visits"]')).resolves.toContain("回访");

    // The follow-up reminder reaches the bell through the outbox, BullMQ and the in-app channel.
    let after = before;
    for (let i = 0; i < 40 && after <= before; i++) {
      await page.waitForTimeout(500);
      await page.reload();
      after = await bellCount(page);
    }
    expect(after).toBeGreaterThan(before);
    await page.goto(`${app.baseUrl}/notifications?show=unread`);
    const list = await page.textContent('[data-testid="notification-list"]');
    expect(list).toContain("回访到期");
    await screenshot(page, "visits-notifications-phone");
    expect(errors).toEqual([]);
    await context.close();
    void personName;
  });

  it("shows the station's week calendar and the planner's statistics with the monthly visit rate", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, app.baseUrl, "station.baiba@demo.local");
    await page.goto(`${app.baseUrl}/visits?view=week&who=all`);
    expect(await page.locator('[data-testid="week-calendar"] .week__day').count()).toBe(7);
    await screenshot(page, "visits-week-calendar");
    await context.close();

    const planner = await newContext(browser);
    const p2 = await planner.newPage();
    await signIn(p2, app.baseUrl, "planner.bayi@demo.local");
    await p2.goto(`${app.baseUrl}/visits/stats`);
    await expect(p2.textContent('[data-testid="monthly-rate"]')).resolves.toMatch(/%$/);
    const table = await p2.textContent('[data-testid="visit-stats"]');
    expect(table).toContain("巴宜区");
    expect(table).toContain("百巴镇");
    await screenshot(p2, "visits-stats-planner");
    await p2.goto(`${app.baseUrl}/visits/rules`);
    expect(await p2.locator('[data-testid="visit-rules"] tbody tr').count()).toBeGreaterThanOrEqual(10);
    await screenshot(p2, "visits-rules-planner");
    await planner.close();
  });

  it("shows the admin that the workers are online and what they sent", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, app.baseUrl, "admin@demo.local");
    await page.goto(`${app.baseUrl}/admin/reminders`);
    await expect(page.textContent('[data-testid="worker-state"]')).resolves.toBe("运行中");
    await screenshot(page, "reminders-admin");
    await context.close();
  });
});
