/**
 * Postgres COPY text format: columns separated by tabs, rows by newlines, NULL as \N, and a
 * backslash, tab, newline or carriage return inside a value escaped with a backslash.
 */
const SPECIAL = /[\\\t\n\r]/;

export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}
