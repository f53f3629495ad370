// The reports a county sends upward: the XLSX opens in a real reader (exceljs reading the bytes), its totals equal
// the page's figures — the upward page's own, /visits/stats' 月探访率 month by month, the year in review's
// organizations — its row links open rows that add up to the figure, and the CSV carries the same table. The monthly
// contract report's workbook carries the page's figures too.

import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#db/schema";
import type { SessionUser } from "~/modules/access/types";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { visitMetrics } from "~/modules/visits/metrics.server";
import { toCsv } from "~/utils/csv.server";
import { todayInShanghai } from "~/utils/dates";
import { db, queryRows } from "~/utils/db.server";
import { buildWorkbook } from "~/utils/xlsx.server";
import { sessionUserFor } from "../../../test/factories/users";
import { useTestDatabase } from "../../../test/setup/database";
import { contractMonthReport, findReportContract } from "./contract-month.server";
import { contractMonthSheets } from "./contract-month-xlsx.server";
import { periodOf, reportRegion, reviewRequest } from "./region.server";
import { rowsForQuery, rowsQueryOf } from "./rows.server";
import { type UpwardReport, upwardReport } from "./upward.server";
import { upwardExport } from "./upward-export.server";
import { csvRowsOf, upwardSheets } from "./upward-sheets.server";
import { yearInReview } from "./year-in-review.server";

useTestDatabase({ template: "demo" });

const ORIGIN = "https://stations.example.gov.cn";

async function rowsAt(user: SessionUser, href: string) {
  const params = new URL(href).searchParams;
  const query = rowsQueryOf(params);
  if ("problem" in query) throw new Error(query.problem);
  const rows = await rowsForQuery(user, query, params);
  if (!rows) throw new Error(`no rows at ${href}`);
  return rows;
}

/** A worksheet's rows as arrays of plain values (a link cell as its address), header left out. */
function valuesOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((row, i) => {
    if (i === 1) return;
    const cells: unknown[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      // An empty cell (a rate with nothing due) reads as null, as the report holds it.
      cells.push(
        v && typeof v === "object" && "hyperlink" in v ? v.hyperlink : v === "" ? null : (v ?? null),
      );
    }
    out.push(cells);
  });
  return out;
}

async function openWorkbook(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

describe("the upward report of Bayi, this year", () => {
  let planner: SessionUser;
  let report: UpwardReport;
  let workbook: ExcelJS.Workbook;
  let sheets: ReturnType<typeof upwardSheets>;
  const year = Number(todayInShanghai().slice(0, 4));

  beforeAll(async () => {
    planner = await sessionUserFor("planner.bayi@demo.local");
    const region = (await reportRegion(planner, null))!;
    report = await upwardReport({ user: planner, region, period: periodOf(year) });
    const t = await i18nServer.getFixedT("zh-CN", ["reports", "visits", "common"]);
    sheets = upwardSheets(report, t, ORIGIN);
    workbook = await openWorkbook(
      await buildWorkbook([sheets.visits, sheets.contracts, sheets.organizations]),
    );
  });

  it("opens in an XLSX reader with a sheet per section", () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["走访和月探访率", "服务合同", "社会组织"]);
    expect(report.visits.length).toBeGreaterThan(0);
    expect(report.contracts.rows.length).toBeGreaterThan(0);
  });

  it("gives each month's 月探访率 as /visits/stats shows it, and counts that add up from stations to the total", async () => {
    const rows = valuesOf(workbook.worksheets[0]);
    const totals = rows.filter((r) => r[1] === "合计");
    expect(totals.map((r) => r[0])).toEqual(report.months);
    let checked = 0;
    for (const month of report.months) {
      const page = await visitMetrics({ user: planner, month });
      const total = totals.find((r) => r[0] === month)!;
      // peopleDue, peopleVisited, 月探访率, due, on time — the stats page's figures for the planner's region.
      expect(total.slice(3, 8)).toEqual([
        page.total.peopleDue,
        page.total.peopleVisited,
        page.total.monthlyRate === null ? null : Math.round(page.total.monthlyRate * 10000) / 10000,
        page.total.due,
        page.total.onTime,
      ]);
      const stations = rows.filter((r) => r[0] === month && r[1] === "社工站");
      expect(stations.reduce((n, r) => n + Number(r[9]), 0)).toBe(total[9]);
      expect(stations.reduce((n, r) => n + Number(r[3]), 0)).toBe(total[3]);
      if (Number(total[3]) > 0) checked++;
    }
    expect(checked, "some month has people due: the comparison is not vacuous").toBeGreaterThan(0);
  });

  it("links each visit count to rows that number exactly as many", async () => {
    const rows = valuesOf(workbook.worksheets[0]);
    const withVisits = rows.filter((r) => Number(r[9]) > 0);
    expect(withVisits.length).toBeGreaterThan(0);
    const levels = ["合计", "县", "乡镇", "社工站"];
    for (const level of levels) {
      const row = withVisits.find((r) => r[1] === level);
      expect(row, `a ${level} row with visits`).toBeDefined();
      expect((await rowsAt(planner, String(row![10]))).total, `${level} ${row![2]} ${row![0]}`).toBe(row![9]);
    }
  });

  it("totals the contracts as the page does, and links spending to its rows", async () => {
    const rows = valuesOf(workbook.worksheets[1]);
    const total = rows.at(-1)!;
    const body = rows.slice(0, -1);
    const { total: page } = report.contracts;
    expect(body).toHaveLength(page.contracts);
    expect(total.slice(7, 12)).toEqual([
      page.amountFen / 100,
      page.allocatedFen / 100,
      page.spentFen / 100,
      page.activities,
      page.personTimes,
    ]);
    const sum = (i: number) => Math.round(body.reduce((n, r) => n + Number(r[i]), 0) * 100);
    expect(sum(7)).toBe(page.amountFen);
    expect(sum(9)).toBe(page.spentFen);
    const spenders = report.contracts.rows.filter((c) => c.spentFen !== 0);
    expect(spenders.length, "some contract spent money this year").toBeGreaterThan(0);
    for (const c of spenders) {
      const spent = await rowsAt(planner, `${ORIGIN}${c.spentLink}`);
      expect(
        spent.rows.reduce((n, r) => n + Number(r.amount), 0),
        c.code,
      ).toBe(c.spentFen);
    }
  });

  it("counts the organizations as the year in review does, with links to the same rows", async () => {
    const region = (await reportRegion(planner, null))!;
    const review = await yearInReview({ user: planner, region, period: periodOf(year) });
    const rows = valuesOf(workbook.worksheets[2]);
    const figure = (label: string) => rows.find((r) => r[0] === label)!;
    expect(review.organizations.organizations).toBeGreaterThan(0);
    expect(figure("在本地区登记的社会组织")[1]).toBe(review.organizations.organizations);
    expect(figure("已建立党组织")[1]).toBe(review.organizations.withBranch);
    expect(figure("本年度承接服务的社会组织")[1]).toBe(review.organizations.underContract);
    expect((await rowsAt(planner, String(figure("在本地区登记的社会组织")[9]))).total).toBe(
      review.organizations.organizations,
    );
    expect((await rowsAt(planner, String(figure("本年度承接服务的社会组织")[9]))).total).toBe(
      review.organizations.underContract,
    );
  });

  it("writes each table as CSV with the same rows, links as addresses", () => {
    const sheet = sheets.contracts;
    const parsed = Papa.parse<string[]>(toCsv(sheet.header, csvRowsOf(sheet)).replace(/^\uFEFF/, ""), {
      skipEmptyLines: true,
    }).data;
    expect(parsed[0]).toEqual(sheet.header);
    expect(parsed).toHaveLength(sheet.rows.length + 1);
    expect(parsed[1][13]).toMatch(
      /^https:\/\/stations\.example\.gov\.cn\/reports\/rows\?figure=expenditures/,
    );
  });

  it("exports the same sheets, audited once per download under the region, the year and the one table", async () => {
    const request = new Request(`${ORIGIN}/reports/upward.xlsx`, { headers: { "Accept-Language": "zh-CN" } });
    const asked = { user: planner, ...(await reviewRequest(planner, new URLSearchParams(`year=${year}`)))! };
    const actor = { actorUserId: planner.id, ip: null, requestId: null };
    const whole = await upwardExport({ request, actor, asked });
    const one = await upwardExport({ request, actor, asked, table: "contracts" });
    expect(whole.stem).toBe(`${asked.region.name}-${year}`);
    expect(one.sheets.contracts.header).toEqual(whole.sheets.contracts.header);
    const code = asked.region.code;
    const entries = await db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.action, "report.export"), eq(auditLog.entityType, "upward_report")));
    expect(entries.map((e) => e.entityId).sort()).toEqual([`${code}-${year}`, `${code}-${year}-contracts`]);
  });

  it("reports only on the planner's own region", async () => {
    expect(await reportRegion(planner, "542500000000")).toBeNull();
  });
});

describe("the monthly contract report as a workbook", () => {
  it("carries the page's figures for the month and opens in an XLSX reader", async () => {
    const planner = await sessionUserFor("planner.bayi@demo.local");
    const region = (await reportRegion(planner, null))!;
    const [busy] = await queryRows<{ id: number; month: string }>(
      db,
      sql`select a.contract_id as id, to_char(a.occurred_on, 'YYYY-MM') as month from activities a
           join contracts c on c.id = a.contract_id join facilities f on f.id = c.facility_id
           join regions t on t.id = f.township_id
          where a.deleted_at is null and t.code like ${`${region.prefix}%`}
          group by 1, 2 order by count(*) desc, 1 limit 1`,
    );
    const contract = (await findReportContract(planner, busy.id))!;
    const report = await contractMonthReport({ contractId: busy.id, month: busy.month });
    const t = await i18nServer.getFixedT("zh-CN", ["reports", "common"]);
    const workbook = await openWorkbook(
      await buildWorkbook(contractMonthSheets(contract, report, t, ORIGIN)),
    );
    const summary = new Map(valuesOf(workbook.worksheets[0]).map((r) => [String(r[0]), r[1]]));
    expect(summary.get("活动次数")).toBe(report.month_.activities);
    expect(summary.get("服务人次")).toBe(report.month_.personTimes);
    expect(summary.get("本月支出 (元)")).toBe(report.spentFen / 100);
    expect(report.month_.activities).toBeGreaterThan(0);
    const byKind = valuesOf(workbook.worksheets[1]);
    expect(byKind.reduce((n, r) => n + Number(r[1]), 0)).toBe(report.month_.activities);
  });
});
