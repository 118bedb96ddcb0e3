import Papa from 'papaparse';

/**
 * A spreadsheet opening this file must not run anything in it: a text cell starting with = + - @
 * (or a tab or carriage return) gets a leading apostrophe (OWASP's advice against CSV injection).
 * Numbers stay numbers: a negative delay is not a formula.
 */
export function neutraliseFormula(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return Papa.unparse(
    { fields: [...header], data: rows.map((row) => row.map(neutraliseFormula)) },
    { newline: '\n' },
  );
}

/** Offers `text` as a file download, without a round trip to any server. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
