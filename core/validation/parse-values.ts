/**
 * Strict readers of a cell's bytes (`bytes[start..end)`), run on every cell of every file: a number
 * is a plain decimal (no spaces, no hex, no `Infinity`), an integer has no fraction, and a date-time
 * matches its format exactly (zero-padded fields, a real calendar date).
 */
const ZERO = 48;
const MINUS = 45;
const PLUS = 43;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The value of a plain decimal number (`-12`, `3.5`, `1e3`), or NaN. */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  if (start >= end) return NaN;
  let i = start;
  const sign = bytes[i];
  if (sign === MINUS || sign === PLUS) i++;
  if (i === end) return NaN;
  let value = 0;
  const first = i;
  for (; i < end; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (i === end && end - first < 16) return sign === MINUS ? -value : value;
  // Fractions, exponents and very long integers: check the shape, then let Number() round correctly.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** Whether the cell is a plain integer literal (`581`, `-3`): the CSV form of an `int` value. */
export function isInteger(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (bytes[i] === MINUS || bytes[i] === PLUS) i++;
  if (i >= end) return false;
  for (; i < end; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) return false;
  }
  return true;
}

function digits(bytes: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Epoch ms (UTC) of a calendar date-time, NaN when impossible. Integer arithmetic: Date.UTC costs more than the whole parse. */
function calendarTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return NaN;
  // Days since 1970-01-01 by Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

type Field = 'Y' | 'm' | 'd' | 'H' | 'M' | 'S';
const WIDTH: Record<Field, number> = { Y: 4, m: 2, d: 2, H: 2, M: 2, S: 2 };

/** Compiles a strftime format of `%Y %m %d %H %M %S %%` and literals into a reader to epoch ms (UTC), NaN when no match. */
export function compileStrftime(format: string): (bytes: Uint8Array, start: number, end: number) => number {
  const at: Record<Field, number> = { Y: -1, m: -1, d: -1, H: -1, M: -1, S: -1 };
  const literalAt: number[] = [];
  const literalCode: number[] = [];
  let length = 0;
  for (let i = 0; i < format.length; i++) {
    const directive = format[i] === '%' ? format[++i] : undefined;
    if (directive === undefined || directive === '%') {
      literalAt.push(length++);
      literalCode.push(directive === '%' ? 37 : format.charCodeAt(i));
    } else if (directive in WIDTH && at[directive as Field] < 0) {
      at[directive as Field] = length;
      length += WIDTH[directive as Field];
    } else {
      throw new Error(
        `unsupported or repeated strftime directive %${directive} in ${JSON.stringify(format)}`,
      );
    }
  }
  if (literalCode.some((code) => code > 127))
    throw new Error(`strftime format ${JSON.stringify(format)} must be ASCII`);
  const [y, m, d, h, min, sec] = (['Y', 'm', 'd', 'H', 'M', 'S'] as const).map((f) => at[f]);
  const read = (bytes: Uint8Array, at: number, width: number, absent: number) =>
    at < 0 ? absent : digits(bytes, at, width);
  return (bytes, start, end) => {
    if (end - start !== length) return NaN;
    for (let k = 0; k < literalAt.length; k++)
      if (bytes[start + literalAt[k]!] !== literalCode[k]) return NaN;
    return calendarTime(
      read(bytes, y! < 0 ? -1 : start + y!, 4, 1970),
      read(bytes, m! < 0 ? -1 : start + m!, 2, 1),
      read(bytes, d! < 0 ? -1 : start + d!, 2, 1),
      read(bytes, h! < 0 ? -1 : start + h!, 2, 0),
      read(bytes, min! < 0 ? -1 : start + min!, 2, 0),
      read(bytes, sec! < 0 ? -1 : start + sec!, 2, 0),
    );
  };
}
