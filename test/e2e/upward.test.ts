// Issue 15, parts 6 and 7 in the browser: a planner sets a station's group robot and sends it a test message (to a
// local robot on a real socket), and reads the report the county sends upward, whose XLSX download holds the
// figures the page shows. At a phone's width and a desktop's.
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectPageErrors,
  desktop,
  newContext,
  phone,
  screenshot,
  screenshotDir,
  signIn,
} from "../support/browser";
import { HttpClient } from "../support/http";
import { startJourney } from "../support/journey";
import { type LocalRobot, localRobot } from "../support/robot";

describe("reminders to the right group, and reports sent upward", () => {
  let robot: LocalRobot;
  let robotUrl = "";
  beforeAll(async () => {
    robot = await localRobot();
    robotUrl = robot.webhookUrl("e2e-robot-4711");
  });
  afterAll(async () => {
    await robot?.close();
  });
  const journey = startJourney({ env: { ROBOT_HOSTS: "127.0.0.1,qyapi.weixin.qq.com,oapi.dingtalk.com" } });

  it("lets a planner set a station's robot and send it a test message", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
    await page.goto(`${journey.app.baseUrl}/admin/robots`);
    const station = page.locator("#robot-target optgroup:nth-of-type(2) option").first();
    const value = await station.getAttribute("value");
    const name = (await station.textContent())!.trim();
    await page.selectOption("#robot-target", value!);
    await page.fill("#robot-url", robotUrl);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click('[data-testid="robot-form"] button[type="submit"]'),
    ]);
    await expect(page.textContent('[data-testid="robot-flash"]')).resolves.toContain("群机器人已保存");
    // The form empties after the save: the typed address (a credential) does not stay on screen.
    await expect(page.inputValue("#robot-url")).resolves.toBe("");
    const item = page.locator('[data-testid="robot-list"] li', { hasText: name });
    await expect(item.textContent()).resolves.toContain("…4711");
    // The page never shows the key itself: only its last characters.
    await expect(page.content()).resolves.not.toContain("e2e-robot-4711");
    await item.getByRole("button", { name: "发送测试消息" }).click();
    await page.waitForSelector('[data-testid="robot-flash"]:has-text("测试消息已发出")');
    expect(robot.received).toHaveLength(1);
    expect(JSON.parse(robot.received[0].body).text.content).toContain("测试消息");
    await screenshot(page, "upward-robots-desktop");
    await page.setViewportSize(phone);
    await screenshot(page, "upward-robots-phone");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the upward report, and its XLSX holds the same totals as the page", async () => {
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.bayi@demo.local");
    await page.goto(`${journey.app.baseUrl}/reports`);
    await Promise.all([
      page.waitForURL(/\/reports\/upward\?/),
      page.click('[data-testid="upward-card"] button'),
    ]);
    await screenshot(page, "upward-report-phone");
    // The last card of a list (the contracts' total) keeps its labels on a phone.
    await page
      .locator('[data-testid="upward-contracts-total"]')
      .screenshot({ path: path.join(screenshotDir, "upward-report-phone-contracts-total.png") });
    const url = new URL(page.url());
    const totals = page.locator('[data-testid="upward-visits"] tr[data-level="total"]');
    const last = totals.last();
    const month = await last.getAttribute("data-month");
    const figure = async (row: typeof last, name: string) =>
      Number((await row.locator(`[data-figure="${name}"]`).textContent())!.replace(/[^\d.]/g, ""));
    const pageDue = await figure(last, "peopleDue");
    const pageVisited = await figure(last, "peopleVisited");
    const contractsTotal = page.locator('[data-testid="upward-contracts-total"]');
    const pageAmount = await figure(contractsTotal, "amount");
    const pageActivities = await figure(contractsTotal, "activities");
    const pageRegistered = Number(
      (await page.textContent(
        '[data-testid="upward-organization-facts"] [data-figure="registered"]',
      ))!.replace(/\D/g, ""),
    );
    await page.setViewportSize(desktop);
    await screenshot(page, "upward-report-desktop");

    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.bayi@demo.local");
    const res = await client.get(`/reports/upward.xlsx${url.search}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const [visits, contracts, organizations] = workbook.worksheets;
    let total: ExcelJS.Row | undefined;
    visits.eachRow((row) => {
      if (row.getCell(1).value === month && row.getCell(2).value === "合计") total = row;
    });
    expect(total?.getCell(4).value).toBe(pageDue);
    expect(total?.getCell(5).value).toBe(pageVisited);
    const contractTotal = contracts.getRow(contracts.rowCount);
    expect(contractTotal.getCell(8).value).toBe(pageAmount);
    expect(contractTotal.getCell(11).value).toBe(pageActivities);
    let registered: unknown;
    organizations.eachRow((row) => {
      if (row.getCell(1).value === "在本地区登记的社会组织") registered = row.getCell(2).value;
    });
    expect(registered).toBe(pageRegistered);

    const csv = await client.get(`/reports/upward.csv${url.search}&table=contracts`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain("/reports/rows?figure=expenditures");
    expect(errors).toEqual([]);
    await context.close();
  });
});
