/**
 * Strict readers of a number cell's bytes (`bytes[start..end)`), run on every cell of every file: a
 * number is a plain decimal (no spaces, no hex, no `Infinity`), an integer has no fraction. Date-times
 * are read by strftime.ts.
 */
const ZERO = 48;
const MINUS = 45;
const PLUS = 43;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The value of a plain decimal number (`-12`, `3.5`, `1e3`), or NaN. */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  readDecimal(bytes, start, end, scratchValue, scratchFlag, 0);
  return scratchValue[0]!;
}

const scratchValue = new Float64Array(1);
const scratchFlag = new Uint8Array(1);

/**
 * parseDecimal into `value[at]`, also setting `integer[at]` to 1 when the cell is an integer literal
 * (`isInteger`), else 0: its digit loop already tells, and a number column is checked for both its
 * type and its range, so one read of its bytes serves both. It stores rather than returns the
 * value: a fraction is a double, which a call that is not inlined boxes on the heap.
 */
export function readDecimal(
  bytes: Uint8Array,
  start: number,
  end: number,
  value: Float64Array,
  integer: Uint8Array,
  at: number,
): void {
  integer[at] = 0;
  value[at] = NaN;
  if (start >= end) return;
  let i = start;
  const sign = bytes[i];
  if (sign === MINUS || sign === PLUS) i++;
  if (i === end) return;
  let whole = 0;
  const first = i;
  for (; i < end; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  if (i === end) integer[at] = 1;
  if (i === end && end - first < 16) {
    value[at] = sign === MINUS ? -whole : whole;
    return;
  }
  // Fractions, exponents and very long integers: check the shape, then let Number() round correctly.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  if (DECIMAL.test(text)) value[at] = Number(text);
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
