// XLSX exports through exceljs: one sheet per table, numbers stay numbers, text cannot become a formula.
import ExcelJS from "exceljs";
import { safeCell } from "./csv.server";

export type Sheet = { name: string; header: string[]; rows: unknown[][]; columnWidths?: number[] };

/** A cell that opens an address (the rows behind a figure); the text is neutralised like any other cell. */
export type LinkCell = { text: string; hyperlink: string };

const isLinkCell = (value: unknown): value is LinkCell =>
  typeof value === "object" && value !== null && typeof (value as LinkCell).hyperlink === "string";

const cellOf = (value: unknown) =>
  isLinkCell(value) && /^https?:\/\//.test(value.hyperlink)
    ? { text: String(safeCell(value.text)), hyperlink: value.hyperlink }
    : safeCell(value);

export async function buildWorkbook(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Station Network";
  workbook.created = new Date();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map(cellOf));
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
