// CSV exports that open cleanly in Excel (UTF-8 BOM) and cannot smuggle formulas (cells starting = + - @ are quoted with ').
import Papa from "papaparse";

/** Neutralises spreadsheet formula injection (OWASP CSV injection). */
export function safeCell(value: unknown): string | number {
  if (value == null) return "";
  if (typeof value === "number") return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${Papa.unparse({ fields: header, data: rows.map((r) => r.map(safeCell)) }, { newline: "\r\n" })}`;
}

export function csvResponse(filename: string, header: string[], rows: unknown[][]): Response {
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
