// The monthly sign-off and an evaluation in the browser: the organization (on a phone, 390 px) submits a month, the
// planner (at a desk, 1,280 px) returns it with a comment, the organization resubmits, the planner approves; the month
// shows locked on both sides and an edit of an activity dated in it is refused. Then the planner records an evaluation
// that appears on the contract page. Screenshots under test-results/screenshots/signoff-*.png.
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, desktop, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

const shift = (month: string, by: number) => {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};

describe("monthly sign-off and evaluation in the browser", () => {
  const journey = startJourney();
  let org: { context: BrowserContext; page: Page; errors: string[] };
  let planner: { context: BrowserContext; page: Page; errors: string[] };
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const month = shift(today.slice(0, 7), -2);
  let contractId = 0;
  let activityId = 0;
  const monthUrl = () => `${journey.app.baseUrl}/contracts/${contractId}/months?month=${month}`;

  /** Posts one of the month's forms and waits for the page to show the state it leads to. */
  const post = async (page: Page, intent: string, text: string, state: string) => {
    const form = page.locator(`[data-testid="signoff-${intent}"]`);
    await form.locator("textarea").fill(text);
    await Promise.all([
      page.waitForURL(new RegExp(`done=${intent}`)),
      form.locator('button[type="submit"]').click(),
    ]);
    // why: the URL changes a moment before React renders the page it leads to.
    await page
      .locator(`[data-testid="month-detail"] [data-testid="month-state"][data-state="${state}"]`)
      .waitFor();
    await page.locator('[data-testid="signoff-done"]').waitFor();
  };
  const stateShown = (page: Page) =>
    page.locator('[data-testid="month-detail"] [data-testid="month-state"]').getAttribute("data-state");

  beforeAll(async () => {
    // Gar's station contract of this year; the month two months back made unsubmitted (the demo approved it).
    const [c] = await journey.sql<{ id: number }[]>`
      select c.id from contracts c join users u on u.organization_id = c.organization_id
      where u.email = 'org.gar@demo.local' and c.status = 'active' and c.facility_id is not null
      order by c.code limit 1`;
    contractId = c.id;
    await journey.sql`delete from contract_months where contract_id = ${contractId} and month = ${month}`;
    const [a] = await journey.sql<{ id: number }[]>`
      select id from activities where contract_id = ${contractId} and deleted_at is null
        and to_char(occurred_on, 'YYYY-MM') = ${month} order by id limit 1`;
    activityId = a.id;
    const open = async (email: string, viewport: typeof phone) => {
      const context = await newContext(journey.browser, viewport);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await signIn(page, journey.app.baseUrl, email);
      return { context, page, errors };
    };
    [org, planner] = await Promise.all([
      open("org.gar@demo.local", phone),
      open("planner.ngari@demo.local", desktop),
    ]);
  }, 180_000);

  it("has the organization submit its month on a phone", async () => {
    const { page } = org;
    await page.goto(`${journey.app.baseUrl}/signoff?state=todo`);
    await page.locator(`a[href="/contracts/${contractId}/months?month=${month}"]`).first().waitFor();
    await screenshot(page, "signoff-01-org-owed-390");
    await page.goto(monthUrl());
    expect(await stateShown(page)).toBe("unsubmitted");
    await post(page, "submit", "本月按计划开展活动", "submitted");
    expect(await stateShown(page)).toBe("submitted");
    await expect(page.textContent('[data-testid="month-detail"]')).resolves.toContain("本月按计划开展活动");
    await screenshot(page, "signoff-02-org-submitted-390");
  });

  it("has the planner return it with a comment at a desk", async () => {
    const { page } = planner;
    await page.goto(`${journey.app.baseUrl}/signoff?state=submitted`);
    await page.click(`a[href="/contracts/${contractId}/months?month=${month}"]`);
    await page.locator('[data-testid="signoff-return"]').waitFor();
    // The figures as submitted stand beside today's.
    await expect(page.locator('[data-testid="month-figures"] tr[data-figure]').count()).resolves.toBe(6);
    await post(page, "return", "入户走访记录不全，请补充签字表", "returned");
    expect(await stateShown(page)).toBe("returned");
    await screenshot(page, "signoff-03-planner-returned-1280");
  });

  it("shows the organization the comment, and takes its resubmission", async () => {
    const { page } = org;
    await page.goto(monthUrl());
    expect(await stateShown(page)).toBe("returned");
    await expect(page.textContent('[data-testid="month-comment"]')).resolves.toContain("入户走访记录不全");
    await screenshot(page, "signoff-04-org-returned-390");
    await post(page, "submit", "已补充签字表", "submitted");
    expect(await stateShown(page)).toBe("submitted");
  });

  it("has the planner approve it: the month shows locked on both sides", async () => {
    const { page } = planner;
    await page.goto(monthUrl());
    await post(page, "approve", "材料齐全", "approved");
    expect(await stateShown(page)).toBe("approved");
    await page.locator('[data-testid="month-locked"]').waitFor();
    // No decision is left to take on a locked month but reopening it.
    await expect(page.locator('[data-testid="signoff-approve"]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="signoff-reopen"]').count()).resolves.toBe(1);
    await screenshot(page, "signoff-05-planner-approved-1280");
    await org.page.goto(monthUrl());
    await org.page.locator('[data-testid="month-locked"]').waitFor();
    await expect(org.page.locator('[data-testid="signoff-submit"]').count()).resolves.toBe(0);
    await screenshot(org.page, "signoff-06-org-locked-390");
    // The monthly report says so too.
    await org.page.goto(`${journey.app.baseUrl}/reports/contracts/${contractId}?month=${month}`);
    await expect(org.page.getAttribute('[data-testid="report-signoff"]', "data-state")).resolves.toBe(
      "approved",
    );
  });

  it("refuses the organization's edit of an activity dated in the locked month", async () => {
    const { page } = org;
    const [before] = await journey.sql<
      { summary: string }[]
    >`select summary from activities where id = ${activityId}`;
    await page.goto(`${journey.app.baseUrl}/activities/${activityId}/edit`);
    await page.fill('textarea[name="summary"], input[name="summary"]', `${before.summary}（补充）`);
    const reason = page.locator('input[name="reason"]');
    if (await reason.count()) await reason.fill("补充说明");
    await Promise.all([
      page.waitForSelector('[data-testid="form-errors"]'),
      page.click('[data-testid="edit-submit"]'),
    ]);
    await expect(page.textContent('[data-testid="form-errors"]')).resolves.toContain("已审核通过并锁定");
    await screenshot(page, "signoff-07-org-edit-refused-390");
    const [after] = await journey.sql<
      { summary: string }[]
    >`select summary from activities where id = ${activityId}`;
    expect(after.summary).toBe(before.summary);
    const pending =
      await journey.sql`select 1 from activity_edit_requests where activity_id = ${activityId} and status = 'pending'`;
    expect(pending.length).toBe(0);
  });

  it("has the planner record an evaluation that appears on the contract page", async () => {
    const { page } = planner;
    await page.goto(`${journey.app.baseUrl}/contracts/${contractId}`);
    await page.click('[data-testid="evaluate-link"]');
    await page.locator('[data-testid="evaluation-form"]').waitFor();
    await page.selectOption('select[name="kind"]', "midterm");
    await page.fill('input[name="evaluator"]', "阿里地区民政局评估小组（浏览器测试）");
    for (const name of await page
      .locator('input[name^="score"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute("name")!)))
      await page.fill(`input[name="${name}"]`, "82");
    await page.fill('input[name="satisfactionAsked"]', "36");
    await page.fill('input[name="satisfactionSatisfied"]', "33");
    await page.fill('textarea[name="findings"]', "服务台账完整，牧区入户走访需加强");
    await page.selectOption('select[name="conclusion"]', "qualified");
    await screenshot(page, "signoff-08-evaluation-form-1280");
    await Promise.all([
      page.waitForURL(/\/contracts\/\d+\?evaluated=\d+/),
      page.click('[data-testid="evaluation-form"] button[type="submit"]'),
    ]);
    const section = page.locator('[data-testid="evaluations"]');
    await expect(section.textContent()).resolves.toContain("服务台账完整，牧区入户走访需加强");
    await expect(section.textContent()).resolves.toContain("33 / 36 人满意");
    await screenshot(page, "signoff-09-evaluation-shown-1280");
    await org.page.goto(`${journey.app.baseUrl}/contracts/${contractId}#evaluations`);
    await expect(org.page.textContent('[data-testid="evaluations"]')).resolves.toContain("服务台账完整");
    await screenshot(org.page, "signoff-10-evaluation-org-390");
    const scroll = await org.page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll).toBeLessThanOrEqual(390);
    expect([...org.errors, ...planner.errors]).toEqual([]);
  });
});
