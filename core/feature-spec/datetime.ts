/**
 * Local date-times without a time zone (`YYYY-MM-DD HH:mm`), held as milliseconds since the epoch
 * as if they were UTC, so that hour, weekday and month read back exactly as written.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** Parses `YYYY-MM-DD HH:mm` (a `T` is accepted in place of the space); NaN when malformed or impossible. */
export function parseDateTime(text: string): number {
  if (text.length !== 16) return NaN;
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || (text[10] !== ' ' && text[10] !== 'T'))
    return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return NaN;
  }
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  );
}
