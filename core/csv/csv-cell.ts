/**
 * One cell of a CSV export, quoted when it must be (RFC 4180). A text that a spreadsheet would run
 * as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's CSV
 * injection list) gets a leading `'`, so Excel, LibreOffice and Sheets show it as text instead of
 * calling `=HYPERLINK(...)` or `=cmd|...`. Numbers are numbers: a negative prediction stays -12.5.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\n\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line of cells, without its line terminator. */
export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',');
