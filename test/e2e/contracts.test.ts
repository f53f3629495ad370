// A planner registers an organization, contracts it to run a station and allocates money; the organization's staff
// record an expenditure and watch the execution rate move. Screenshots of each step under test-results/screenshots.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectPageErrors, newContext, phone, screenshot, signIn } from "../support/browser";
import { startJourney } from "../support/journey";

/** Clicks a submit button and waits for what the app shows next: a URL it redirects to, or an element. */
const submit = async (page: Page, selector: string, until: RegExp | string) => {
  await Promise.all([
    typeof until === "string" ? page.waitForSelector(until) : page.waitForURL(until),
    page.click(selector),
  ]);
};
const formButton = 'form.card button[type="submit"]';

describe("contracts and budgets in the browser", () => {
  const journey = startJourney();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const year = today.slice(0, 4);
  const state = { organizationId: 0, contractId: 0 };

  it("lets a planner register an organization, telling what is wrong with a mistyped credit code", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/organizations`);
    await expect(page.textContent('[data-testid="party-coverage"]')).resolves.toBe("85.7%");
    await screenshot(page, "contracts-01-organization-register");
    await page.click('a[href="/organizations/new"]');
    await page.fill('input[name="name"]', "阿里地区晨光社会工作服务中心");
    await page.fill('input[name="creditCode"]', "91350100m000100y43");
    await page.selectOption('select[name="kind"]', "social_service_agency");
    await page.selectOption('select[name="regionId"]', { label: "阿里地区" });
    await page.check('input[name="hasPartyBranch"]');
    await page.fill('input[name="contactName"]', "示例·尼玛");
    await page.fill('input[name="contactPhone"]', "13800000011");
    await submit(page, formButton, "text=请使用大写字母");
    await expect(page.textContent("#f-creditCode-error, [id$='-creditCode-error']")).resolves.toContain(
      "请使用大写字母",
    );
    await screenshot(page, "contracts-02-credit-code-lowercase");
    await page.fill('input[name="creditCode"]', "91350100M000100Y43");
    await submit(page, formButton, /\/organizations\/\d+\?saved=1$/);
    await page.locator("h1", { hasText: "阿里地区晨光社会工作服务中心" }).waitFor();
    state.organizationId = Number(new URL(page.url()).pathname.split("/")[2]);
    await screenshot(page, "contracts-03-organization-page");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets the planner contract it to run a station and allocate money, refusing an overlapping second contract", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/organizations/${state.organizationId}`);
    await page.click(`a[href="/contracts/new?organizationId=${state.organizationId}"]`);
    const station = await page
      .locator('select[name="subject"] option', { hasText: "热帮乡" })
      .getAttribute("value");
    const fillContract = async (code: string) => {
      await page.fill('input[name="code"]', code);
      await page.fill('input[name="title"]', `热帮乡社会工作服务站运营服务（${year}年度）`);
      await page.selectOption('select[name="procurementMethod"]', "competitive_consultation");
      await page.selectOption('select[name="subject"]', station!);
      await page.fill('input[name="startsOn"]', `${year}-01-01`);
      await page.fill('input[name="endsOn"]', `${year}-12-31`);
      await page.fill('input[name="amount"]', "120,000");
      await page.fill('input[name="activitiesPerMonth"]', "2");
      await page.fill('input[name="personTimesPerYear"]', "300");
    };
    await fillContract(`ALI-${year}-SW-11`);
    await screenshot(page, "contracts-04-contract-form");
    await submit(page, 'button[name="intent"][value="activate"]', /\/contracts\/\d+\?done=activate$/);
    await page.locator("h1", { hasText: `热帮乡社会工作服务站运营服务（${year}年度）` }).waitFor();
    await expect(page.textContent(".badge-row")).resolves.toContain("执行中");
    state.contractId = Number(new URL(page.url()).pathname.split("/")[2]);
    await expect(page.textContent('[data-testid="lifecycle"]')).resolves.toContain("阿里地区民政局 规划员");
    await screenshot(page, "contracts-05-contract-active");

    // A second contract for the same station and year is refused, naming the first.
    await page.goto(`${journey.app.baseUrl}/contracts/new?organizationId=${state.organizationId}`);
    await fillContract(`ALI-${year}-SW-12`);
    await submit(page, 'button[name="intent"][value="activate"]', ".form-errors");
    await expect(page.textContent(".form-errors")).resolves.toContain(`ALI-${year}-SW-11`);
    await screenshot(page, "contracts-06-overlap-refused");

    await page.goto(`${journey.app.baseUrl}/contracts/${state.contractId}`);
    await page.click(`a[href="/funding/allocate?contractId=${state.contractId}"]`);
    const source = await page
      .locator('select[name="fundingSourceId"] option', { hasText: `${year}年阿里地区福彩公益金` })
      .getAttribute("value");
    await page.selectOption('select[name="fundingSourceId"]', source!);
    await page.fill('input[name="amount"]', "50000");
    await page.fill('input[name="note"]', "第一批拨付");
    await screenshot(page, "contracts-07-allocation-form");
    await submit(page, formButton, /\/contracts\/\d+\?done=allocate$/);
    expect(new URL(page.url()).pathname).toBe(`/contracts/${state.contractId}`);
    await page.locator(".flash", { hasText: "资金已下拨" }).waitFor();
    await expect(page.textContent('[data-testid="contract-allocated"]')).resolves.toBe("5.00 万元");
    await expect(page.textContent('[data-testid="execution-rate"]')).resolves.toBe("0.0%");
    await screenshot(page, "contracts-08-contract-allocated");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets the organization's staff record an expenditure and see the execution rate change", async () => {
    // An administrator gives the new organization a staff account (user management is its own area).
    const [{ password_hash }] =
      await journey.sql`select password_hash from users where email = 'planner.ngari@demo.local'`;
    await journey.sql`insert into users (email, name, role, organization_id, password_hash)
              values ('org.chenguang@demo.local', '晨光社工 工作人员', 'org_staff', ${state.organizationId}, ${password_hash})`;
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "org.chenguang@demo.local");
    await page.goto(`${journey.app.baseUrl}/contracts/${state.contractId}/expenditures`);
    await expect(page.textContent('[data-testid="execution-rate"]')).resolves.toBe("0.0%");
    await page.fill('input[name="spentOn"]', `${Number(year) - 1}-12-20`);
    await page.selectOption('select[name="category"]', "personnel");
    await page.fill('input[name="amount"]', "12,500");
    await page.fill('input[name="description"]', "社工人员工资");
    await submit(page, 'section.card button[type="submit"]', "text=支出日期须在合同服务期内");
    // What was typed stays, so only the date needs fixing.
    expect(await page.inputValue('input[name="amount"]')).toBe("12,500");
    await page.fill('input[name="spentOn"]', today);
    await screenshot(page, "contracts-09-expenditure-form-phone");
    await submit(page, 'section.card button[type="submit"]', /recorded=\d+$/);
    await page.locator(".flash", { hasText: "支出已登记" }).waitFor();
    await expect(page.textContent('[data-testid="execution-rate"]')).resolves.toBe("25.0%");
    await expect(page.textContent('[data-testid="expenditure-table"]')).resolves.toContain("12,500.00 元");
    // The form is empty again, ready for the next one (and a new form key, so it cannot be posted twice).
    expect(await page.inputValue('input[name="amount"]')).toBe("");
    await screenshot(page, "contracts-10-expenditure-recorded-phone");
    // A mistaken entry is reversed (冲销), never deleted: both rows stay on record and the rate goes back.
    await page.fill('input[name="spentOn"]', today);
    await page.selectOption('select[name="category"]', "equipment");
    await page.fill('input[name="amount"]', "30,000");
    await page.fill('input[name="description"]', "误录：多打了一个零");
    await submit(page, 'section.card button[type="submit"]', 'td:has-text("误录：多打了一个零")');
    await expect(page.textContent('[data-testid="execution-rate"]')).resolves.toBe("85.0%");
    await page.click('tr:has-text("误录") [data-testid="reverse-link"]');
    await page.waitForSelector('[data-testid="reversal-card"]');
    await submit(page, '[data-testid="reversal-card"] button[type="submit"]', "text=必填");
    await page.fill('textarea[name="reason"]', "金额多打一个零，应为 3,000 元");
    await screenshot(page, "contracts-10a-expenditure-reversal-phone");
    await submit(page, '[data-testid="reversal-card"] button[type="submit"]', /reversed=\d+$/);
    await page.locator(".flash", { hasText: "已冲销" }).waitFor();
    await expect(page.textContent('[data-testid="execution-rate"]')).resolves.toBe("25.0%");
    const table = await page.textContent('[data-testid="expenditure-table"]');
    expect(table).toContain("冲销 #");
    expect(table).toContain("-30,000.00 元");
    expect(table).toContain("已冲销");
    expect(await page.locator("tr.row--reversed").count()).toBe(1);
    // Neither the reversal nor the reversed row offers another reversal.
    expect(await page.locator('tr:has-text("误录") [data-testid="reverse-link"]').count()).toBe(0);
    await screenshot(page, "contracts-10b-expenditure-reversed-phone");
    // They may not change what was allocated.
    const edit = await page.goto(`${journey.app.baseUrl}/contracts/${state.contractId}/edit`);
    expect(edit?.status()).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the planner the new contract's money on the budget dashboard, with charts", async () => {
    const context = await newContext(journey.browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/budget`);
    await page.waitForSelector('[data-testid="budget-charts"] svg');
    // Gerze overspent; Purang lagging — and, late in the year, the new contract too, with 12,500 of 120,000 spent.
    const newRow = `[data-testid="budget-contracts"] [data-contract="ALI-${year}-SW-11"]`;
    await page.click(".details-card summary");
    await expect(page.textContent(newRow)).resolves.toContain("25.0%");
    const lateInYear = (Date.parse(`${year}-12-31`) - Date.parse(today)) / 86_400_000 < 0.25 * 365;
    await expect(page.textContent('[data-testid="budget-flagged"]')).resolves.toBe(
      lateInYear ? "1 / 2" : "1 / 1",
    );
    if (lateInYear) await expect(page.textContent(newRow)).resolves.toContain("执行滞后");
    await screenshot(page, "contracts-11-budget-dashboard");
    await page.goto(`${journey.app.baseUrl}/budget?year=2023`);
    await page.waitForSelector('[data-testid="budget-charts"] svg');
    await expect(page.textContent('[data-testid="budget-allocated"]')).resolves.toBe("527.32 万元");
    await screenshot(page, "contracts-12-budget-2023");
    expect(errors).toEqual([]);
    await context.close();
  });
});
