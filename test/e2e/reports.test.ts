// The Ngari 2023 year in review: on screen with charts, printed to an A4 PDF in Chromium (pages rendered to PNG
// to look at), and as an XLSX workbook holding the same figures; every figure leads to rows.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
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

const reviewPath = "/reports/year-in-review?year=2023&region=542500000000";

describe("reports: the year in review", () => {
  const journey = startJourney();

  it("shows the Ngari 2023 figures of the article with three charts, each figure linking to its rows", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}/reports`);
    await page.selectOption("#review-year", "2023");
    await screenshot(page, "reports-index-planner");
    await Promise.all([
      page.waitForURL(/year-in-review\?year=2023/),
      page.click('[data-testid="year-in-review-card"] button'),
    ]);
    await page.waitForFunction(
      () => document.querySelectorAll(".chart .recharts-wrapper > svg").length === 3,
    );
    await expect(page.textContent('[data-testid="headline-day-care"]')).resolves.toBe("9,526");
    await expect(page.textContent('[data-testid="headline-activity-centre"]')).resolves.toBe("6,318");
    await expect(page.textContent('[data-testid="headline-children-activities"]')).resolves.toBe("21");
    await expect(page.textContent('[data-testid="headline-station-funds"]')).resolves.toBe("280.00 万元");
    await expect(page.textContent('[data-testid="headline-children-funds"]')).resolves.toBe("112.32 万元");
    await expect(page.textContent('[data-testid="headline-party"]')).resolves.toBe("86%");
    await screenshot(page, "reports-year-in-review-desktop");

    // The day-care figure leads to exactly the activities behind it.
    await page.click('a:has([data-testid="headline-day-care"])');
    await page.waitForURL(/\/activities\?/);
    await expect(page.textContent('[data-testid="feed-summary"]')).resolves.toContain("9,526 人次");
    await page.goBack();
    // The station-funds figure leads to the allocations behind it.
    await page.click('a:has([data-testid="headline-station-funds"])');
    await page.waitForURL(/\/reports\/rows\?/);
    await expect(page.textContent('[data-testid="rows-total"]')).resolves.toContain("共 12 条");
    await expect(page.textContent('[data-testid="sum-amount"]')).resolves.toBe("2,800,000.00 元");
    await screenshot(page, "reports-rows-station-funds");
    await page.goBack();
    await page.waitForSelector('[data-testid="activities-total"] a');
    await expect(page.locator('[data-testid="activities-total"] a').count()).resolves.toBe(2);
    // The facilities column of the by-kind table leads to exactly the facilities that served, with their figures.
    await page
      .locator('[data-testid="by-facility-kind"] tbody tr', { hasText: "日间照料中心" })
      .locator("td:nth-child(2) a")
      .click();
    await page.waitForURL(/figure=facilityActivities/);
    await expect(page.textContent('[data-testid="rows-total"]')).resolves.toContain("共 5 条");
    await expect(page.textContent('[data-testid="sum-personTimes"]')).resolves.toBe("9,526");
    await page.goBack();
    await page.waitForSelector('[data-testid="funds"]');
    // The funds table's total leads to the sources of the year, summed.
    await page.locator('[data-testid="funds"] tfoot th:nth-child(2) a').click();
    await page.waitForURL(/figure=fundingSources/);
    await expect(page.textContent('[data-testid="rows-total"]')).resolves.toContain("共 4 条");
    await expect(page.textContent('[data-testid="sum-amount"]')).resolves.toBe("5,323,200.00 元");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("prints to an A4 PDF in Chromium, whose pages are rendered to PNG for a look", async () => {
    const context = await newContext(journey.browser, desktop);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "planner.ngari@demo.local");
    await page.goto(`${journey.app.baseUrl}${reviewPath}`);
    await page.waitForFunction(
      () => document.querySelectorAll(".chart .recharts-wrapper > svg").length === 3,
    );
    await page.emulateMedia({ media: "print" });
    await page.screenshot({
      path: path.join(screenshotDir, "reports-year-in-review-print-emulated.png"),
      fullPage: true,
    });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    fs.mkdirSync(screenshotDir, { recursive: true });
    const pdfPath = path.join(screenshotDir, "reports-year-in-review-2023.pdf");
    fs.writeFileSync(pdfPath, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(8);
    // Poppler's pdftoppm turns the pages into PNGs when it is installed (apt-get install poppler-utils).
    const rendered = spawnSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      pdfPath,
      path.join(screenshotDir, "reports-year-in-review-pdf"),
    ]);
    if (rendered.error === undefined) expect(rendered.status).toBe(0);
    await context.close();
  });

  it("exports the same figures to an XLSX workbook that a real reader opens", async () => {
    const client = new HttpClient(journey.app.baseUrl);
    await client.signIn("planner.ngari@demo.local");
    const res = await client.get("/reports/year-in-review.xlsx?year=2023&region=542500000000");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const summary = workbook.worksheets[0];
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get("5 个老年人日间照料中心服务")).toBe(9526);
    expect(values.get("1 个老年人活动中心服务")).toBe(6318);
    expect(values.get("留守和困境儿童关爱活动")).toBe(21);
    expect(values.get("乡镇社工站资金（12 个站点） (元)")).toBe(2_800_000);
    expect(values.get("留守和困境儿童关爱保护资金 (元)")).toBe(1_123_200);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(8);
  });

  it("gives a county planner only their county, and organization staff no region report", async () => {
    const county = new HttpClient(journey.app.baseUrl);
    await county.signIn("planner.gar@demo.local");
    expect((await county.get(reviewPath)).status).toBe(404);
    expect((await county.get("/reports/year-in-review?year=2023&region=542523000000")).status).toBe(200);
    const org = new HttpClient(journey.app.baseUrl);
    await org.signIn("org.gar@demo.local");
    expect((await org.get(reviewPath)).status).toBe(403);
    expect((await org.get("/reports/year-in-review.xlsx?year=2023")).status).toBe(403);
  });

  it("shows a monthly contract report on a phone", async () => {
    const context = await newContext(journey.browser, phone);
    const page = await context.newPage();
    await signIn(page, journey.app.baseUrl, "org.gar@demo.local");
    await page.goto(`${journey.app.baseUrl}/reports`);
    // A station contract, whose activities name the people they served.
    const station = await page
      .locator("#report-contract option", { hasText: "ALI-2026-SW-03" })
      .getAttribute("value");
    await page.selectOption("#report-contract", station!);
    await Promise.all([
      page.waitForURL(/\/reports\/contracts\/\d+/),
      page.click('[data-testid="contract-month-card"] button'),
    ]);
    await page.waitForSelector('[data-testid="contract-month-report"]');
    expect(
      Number((await page.textContent('[data-testid="month-activities"]'))!.replace(/,/g, "")),
    ).toBeGreaterThanOrEqual(0);
    await screenshot(page, "reports-contract-month-phone");
    // People served so far leads to the people counted (not to the activity list), as many as the figure says.
    const served = (await page.textContent('[data-testid="people-served-total"]'))!.replace(/,/g, "");
    await page.click('[data-testid="people-served-total"]');
    await page.waitForURL(/figure=contractPeople/);
    expect(Number(served)).toBeGreaterThan(0);
    await expect(page.textContent('[data-testid="rows-total"]')).resolves.toContain(`共 ${served} 条`);
    // ID numbers stay masked; a child's file, which organization staff may not open, shows none at all.
    const ids = await page.locator('[data-testid="rows"] tbody td:nth-child(3)').allTextContents();
    for (const id of ids) expect(id).toMatch(/^(\d{4}\*+\d{3}[\dX]|—)$/);
    expect(ids.filter((id) => id !== "—").length, "adults' masked ID numbers are shown").toBeGreaterThan(0);
    await screenshot(page, "reports-rows-contract-people-phone");
    await context.close();
  });
});
