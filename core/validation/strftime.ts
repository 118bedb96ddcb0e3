/**
 * Strict readers of a date-time cell's bytes (`bytes[start..end)`), run on every cell of a date-time
 * column: a cell matches its strftime format exactly (zero-padded fields, a real calendar date).
 */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a date (Howard Hinnant's days_from_civil), for years from 1. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const isLeap = (year: number) => (year & 3) === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysIn = (year: number, month: number) =>
  month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;

// The first day and the length of every month from 1900 to 2199, looked up instead of computed.
const FIRST_YEAR = 1900;
const YEARS = 300;
const MONTH_START = new Int32Array(YEARS * 12);
const MONTH_DAYS = new Uint8Array(YEARS * 12);
for (let year = FIRST_YEAR; year < FIRST_YEAR + YEARS; year++) {
  for (let month = 1; month <= 12; month++) {
    MONTH_START[(year - FIRST_YEAR) * 12 + month - 1] = daysFromCivil(year, month, 1);
    MONTH_DAYS[(year - FIRST_YEAR) * 12 + month - 1] = daysIn(year, month);
  }
}

/**
 * Days from 1970-01-01 to a calendar date-time whose fields are non-negative, NaN when impossible.
 * Days, not ms: a whole number of days is a small integer, which a call returns as is, while ms
 * would be a double the call boxes on the heap when it is not inlined.
 */
function calendarDay(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  if (year >= FIRST_YEAR && year < FIRST_YEAR + YEARS) {
    const at = (year - FIRST_YEAR) * 12 + month - 1;
    return day > MONTH_DAYS[at]! ? NaN : MONTH_START[at]! + day - 1;
  }
  return day > daysIn(year, month) ? NaN : daysFromCivil(year, month, day);
}

const FIELDS = { Y: 4, m: 2, d: 2, H: 2, M: 2, S: 2 } as const;
type Field = keyof typeof FIELDS;
type Reader = (bytes: Uint8Array, start: number, end: number) => number;

/**
 * Writes each cell's epoch ms (NaN when it does not match) to `out[row]`; a decoded cell (negative
 * start) is left to `decoded(row)`.
 */
type ColumnReader = (
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  out: Float64Array,
  decoded: (row: number) => void,
) => void;

const columnReaders = new Map<string, ColumnReader>();

/**
 * The reader of a whole column for a format, loop included, compiled once per process (a freshly
 * generated function starts cold, and a file is read in many batches). The loop is generated with
 * the cell's reading inside it rather than calling a reader per cell: that reader is too big to be
 * inlined, and the call (and storing through it) was a good part of each cell's cost.
 */
export function strftimeColumnReader(format: string): ColumnReader {
  let read = columnReaders.get(format);
  if (!read) {
    const source = strftimeSource(format, { fail: 'out[row] = NaN; continue;', result: 'out[row] =' });
    read = new Function(
      'calendarDay',
      `return function readStrftimeColumn(bytes, starts, ends, out, decoded) {
        for (let row = 0; row < out.length; row++) {
          const start = starts[row];
          const end = ends[row];
          if (start < 0) { decoded(row); continue; }
          ${source}
        }
      };`,
    )(calendarDay) as ColumnReader;
    columnReaders.set(format, read);
  }
  return read;
}

export function compileStrftime(format: string): Reader {
  const source = strftimeSource(format, { fail: 'return NaN;', result: 'return' });
  // Only digits, offsets and char codes computed from the format reach the source: no input text.
  return new Function('calendarDay', `return function readStrftime(bytes, start, end) {\n${source}\n};`)(
    calendarDay,
  ) as Reader;
}

/** The body of a reader of `format`: `fail` where a cell does not match, `result` before its value. */
function strftimeSource(format: string, how: { fail: string; result: string }): string {
  const digits: { field: Field; at: number }[] = [];
  const literals: { at: number; code: number }[] = [];
  let length = 0;
  for (let i = 0; i < format.length; i++) {
    const directive = format[i] === '%' ? format[++i] : undefined;
    if (directive === undefined || directive === '%') {
      literals.push({ at: length++, code: directive === '%' ? 37 : format.charCodeAt(i) });
    } else if (directive in FIELDS && !digits.some((d) => d.field === directive)) {
      digits.push({ field: directive as Field, at: length });
      length += FIELDS[directive as Field];
    } else {
      throw new Error(
        `unsupported or repeated strftime directive %${directive} in ${JSON.stringify(format)}`,
      );
    }
  }
  if (literals.some((l) => l.code > 127))
    throw new Error(`strftime format ${JSON.stringify(format)} must be ASCII`);
  const value = (field: Field, absent: number) => {
    const found = digits.find((d) => d.field === field);
    if (!found) return String(absent);
    return Array.from({ length: FIELDS[field] }, (_, k) => `d${found.at + k}`)
      .map((d, k, all) => `${d} * ${10 ** (all.length - 1 - k)}`)
      .join(' + ');
  };
  const positions = digits.flatMap((d) => Array.from({ length: FIELDS[d.field] }, (_, k) => d.at + k));
  return [
    `if (end - start !== ${length}) { ${how.fail} }`,
    ...literals.map((l) => `if (bytes[start + ${l.at}] !== ${l.code}) { ${how.fail} }`),
    ...positions.map((p) => `const d${p} = bytes[start + ${p}] - 48;`),
    positions.length > 0
      ? `if (${positions.map((p) => `d${p} >>> 0 > 9`).join(' || ')}) { ${how.fail} }`
      : '',
    `const hour = ${value('H', 0)}, minute = ${value('M', 0)}, second = ${value('S', 0)};`,
    `const day = calendarDay(${value('Y', 1970)}, ${value('m', 1)}, ${value('d', 1)}, hour, minute, second);`,
    `${how.result} day * 86400000 + hour * 3600000 + minute * 60000 + second * 1000;`,
  ].join('\n');
}
