// XLSX exports through exceljs: one sheet per table, numbers stay numbers, text cannot become a formula.
import ExcelJS from "exceljs";
import { safeCell } from "./csv.server";

export type Sheet = { name: string; header: string[]; rows: unknown[][]; columnWidths?: number[] };

export async function buildWorkbook(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Station Network";
  workbook.created = new Date();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map(safeCell));
    ws.columns.forEach((column, i) => {
      column.width =
        sheet.columnWidths?.[i] ?? Math.min(40, Math.max(10, (sheet.header[i]?.length ?? 8) * 2));
    });
    ws.views = [{ state: "frozen", ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function xlsxResponse(filename: string, sheets: Sheet[]): Promise<Response> {
  return new Response(new Uint8Array(await buildWorkbook(sheets)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
