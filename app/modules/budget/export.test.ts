import ExcelJS from "exceljs";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { i18nServerConfig } from "~/modules/i18n/i18next.server";
import { todayInShanghai } from "~/utils/dates";
import { buildWorkbook } from "~/utils/xlsx.server";
import { sessionUserFor } from "../../../test/factories/contract-users";
import { useTestDatabase } from "../../../test/setup/database";
import { budgetFigures } from "./dashboard.server";
import { budgetSheets, budgetTables } from "./export.server";

useTestDatabase({ template: "demo" });

describe("budget export", () => {
  it("writes a workbook that a real XLSX reader opens, holding the dashboard's numbers in yuan", async () => {
    const user = await sessionUserFor("planner.ngari@demo.local");
    const figures = await budgetFigures({ user, year: Number(todayInShanghai().slice(0, 4)) });
    const t = i18next.createInstance();
    await t.init({ ...i18nServerConfig, lng: "zh-CN" });
    const buffer = await buildWorkbook(budgetTables.map((name) => budgetSheets(figures, t.t)[name]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["按资金来源", "按县（区）", "合同明细"]);

    const sources = workbook.getWorksheet("按资金来源")!;
    expect(sources.getRow(1).getCell(5).value).toBe("已下拨（元）");
    figures.sources.forEach((s, i) => {
      const row = sources.getRow(i + 2);
      expect(row.getCell(1).value).toBe(s.name);
      expect(row.getCell(5).value).toBe(s.allocatedFen / 100);
      expect(row.getCell(6).value).toBe(s.spentFen / 100);
      expect(row.getCell(7).value).toBe(Math.round((s.rate ?? 0) * 1000) / 10);
    });

    const contracts = workbook.getWorksheet("合同明细")!;
    expect(contracts.rowCount).toBe(figures.contracts.length + 1);
    const gerzeRow = figures.contracts.findIndex((c) => c.title.startsWith("改则镇社会工作服务站"));
    expect(contracts.getRow(gerzeRow + 2).getCell(12).value).toBe("超支");
    const totalSpent = figures.counties.reduce((sum, c) => sum + c.spentFen, 0);
    const counties = workbook.getWorksheet("按县（区）")!;
    let sheetSpent = 0;
    counties.eachRow((row, n) => {
      if (n > 1) sheetSpent += Number(row.getCell(5).value) * 100;
    });
    expect(Math.round(sheetSpent)).toBe(totalSpent);
  });
});
