// The year in review's workbook against the page: the workbook route's bytes, opened in an XLSX reader, carry the
// workforce, training and 低保 figures the page's loader shows for the same year and region — a prefecture (Ngari
// 2023: its carers all certified), a county (Bayi 2023: the article's 141 低保 households, 351 persons) and this year.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { cookieFor } from "~/modules/activities/testing.server";
import { loader as reviewLoader } from "~/routes/reports.year-in-review";
import { loader as xlsxLoader } from "~/routes/reports.year-in-review[.xlsx]";
import { todayInShanghai } from "~/utils/dates";
import { useTestDatabase } from "../../../test/setup/database";

useTestDatabase({ template: "demo" });

const context = { requestId: "test", cspNonce: "" };
const get = (path: string, cookie: string) => ({
  request: new Request(`http://test.local${path}`, { headers: { Cookie: cookie } }),
  params: {},
  context,
});
const thisYear = Number(todayInShanghai().slice(0, 4));

/** A sheet as rows of plain values keyed by the header's labels. */
function table(workbook: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}: ${workbook.worksheets.map((w) => w.name).join(", ")}`);
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, c) => {
    header[c] = String(cell.value);
  });
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, i) => {
    if (i === 1) return;
    const out: Record<string, unknown> = {};
    for (let c = 1; c < header.length; c++) {
      const v = row.getCell(c).value;
      out[header[c]] = v === "" || v === undefined ? null : v;
    }
    rows.push(out);
  });
  return rows;
}

async function pageAndWorkbook(email: string, year: number, region: string) {
  const cookie = await cookieFor(email);
  const query = `?year=${year}&region=${region}`;
  const page = await reviewLoader(get(`/reports/year-in-review${query}`, cookie));
  expect(page.review.period.year, "the demo has the year asked for").toBe(year);
  const res = await xlsxLoader(get(`/reports/year-in-review.xlsx${query}`, cookie));
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return { page, workbook };
}

const close = (v: number | null) => (v == null ? null : expect.closeTo(v, 2));

/** Each workforce figure of the page beside the sheet's row: counts exact, shares and per-worker figures rounded. */
function expectWorkforceRow(
  row: Record<string, unknown>,
  f: Awaited<ReturnType<typeof reviewLoader>>["workforce"]["total"],
) {
  expect(row).toMatchObject({
    在岗人数: f.workers,
    编制人数: f.target,
    设编制设施的在岗人数: f.staffedToTarget,
    "配备/编制": close(f.staffing),
    持证人数: f.certified,
    持证上岗率: close(f.certifiedShare),
    护理员人数: f.carers,
    持证护理员人数: f.carersCertified,
    护理员持证上岗率: close(f.carersCertifiedShare),
    培训学时合计: f.trainingHours,
    人均培训学时: close(f.hoursPerWorker),
    "服务对象人数（有服务对象的设施）": f.peopleInCare,
    有服务对象设施的在岗人数: f.caseWorkers,
    人均服务对象: close(f.caseload),
  });
}

async function expectSameFigures(email: string, year: number, region: string) {
  const { page, workbook } = await pageAndWorkbook(email, year, region);
  const { workforce, trainings, review } = page;

  const staff = table(workbook, "工作人员");
  const total = staff.at(-1)!;
  expect(Object.values(total)[0]).toBe("合计");
  expectWorkforceRow(total, workforce.total);
  const body = staff.slice(0, -1);
  // The rows one level below the region, as the page's table lists them, each with its own figures.
  const below = review.region.level === "county" ? workforce.townships : workforce.counties;
  expect(body.map((r) => Object.values(r)[0])).toEqual(below.map((g) => g.name));
  for (const [i, g] of below.entries()) expectWorkforceRow(body[i], g.figures);
  expect(body.reduce((n, r) => n + Number(r.在岗人数), 0)).toBe(workforce.total.workers);

  const held = table(workbook, "业务培训");
  expect(held.slice(0, -1).map((r) => r.培训主题)).toEqual(trainings.list.map((tr) => tr.topic));
  expect(held.at(-1)).toMatchObject({
    培训日期: `合计（${trainings.trainings} 次培训）`,
    学时: trainings.hours,
    参训人数: trainings.participants,
  });

  const dibao = new Map(table(workbook, "最低生活保障（低保）").map((r) => [r.指标, r.数值]));
  expect(dibao.get("低保户数")).toBe(review.dibao.households);
  expect(dibao.get("低保人数")).toBe(review.dibao.persons);
  expect(dibao.get("其中未登记家庭户的人数")).toBe(review.dibao.withoutHousehold);
  return page;
}

describe("the year in review's workbook", () => {
  it("carries Ngari 2023's workforce, trainings and 低保 as the page shows them, its carers all certified", async () => {
    const { workforce } = await expectSameFigures("planner.ngari@demo.local", 2023, "542500000000");
    expect(workforce.total.carers).toBeGreaterThan(0);
    expect(workforce.total.carersCertifiedShare).toBe(1);
  });

  it("carries Bayi 2023's figures as the page shows them, with the article's 141 低保 households and 351 persons", async () => {
    const { review, trainings } = await expectSameFigures("planner.bayi@demo.local", 2023, "540402000000");
    expect(review.dibao).toMatchObject({ households: 141, persons: 351 });
    expect(trainings.trainings).toBeGreaterThan(0);
  });

  it("carries this year's figures for Bayi as the page shows them", async () => {
    const { workforce } = await expectSameFigures("planner.bayi@demo.local", thisYear, "540402000000");
    expect(workforce.total.workers).toBeGreaterThan(0);
  });
});
