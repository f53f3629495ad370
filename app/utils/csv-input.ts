// Checks shared by the CSV imports (regions, people): separators the parser cannot detect, and ragged rows.
// Papa Parse itself detects comma, semicolon, tab and | as the delimiter.

/** Separators people use that the parser does not take as a delimiter (it detects , ; tab and | itself). */
const otherSeparators: [string, string][] = [
  ["，", "，"],
  ["、", "、"],
  ["；", "；"],
];

/** When the header is one cell, names the separator the file seems to use instead of commas. */
export function unsupportedDelimiter(headerCells: string[]): string | null {
  if (headerCells.length !== 1) return null;
  for (const [char, label] of otherSeparators) if (headerCells[0].includes(char)) return label;
  return null;
}

/** Cells beyond the header that hold text make a row ragged; empty trailing cells (a stray comma) do not. */
export function raggedRow(record: string[], width: number): boolean {
  if (record.length < width) return true;
  return record.slice(width).some((cell) => cell.trim() !== "");
}
