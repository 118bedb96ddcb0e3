import { DATETIME_STRFTIME } from '../feature-spec';
import type { BatchView } from './batch-view';
import { FirstOccurrences } from './first-occurrences';
import { GrowableInt32Array } from './growable-array';
import { codes } from './value-decisions';
import * as hashing from './hash-set';

// Bound once: see batch-view.ts.
const { finalMix, Hash64Set, hashBytes, hashRow } = hashing;

/** Which value (numbered by first appearance in the file) each row holds, and whether this is its first. */
function occurrences(
  view: BatchView,
  column: number,
): { first: Uint8Array; entry: Int32Array; entries: number } {
  return view.memo(`occurrences:${column}`, () => {
    const seen = view.sharedValue(`occurrences:${column}`, () => new FirstOccurrences());
    const first = view.pool.take(Uint8Array, view.rowCount);
    const entry = view.pool.take(Int32Array, view.rowCount, true).fill(-1);
    const { bytes, texts } = view.batch;
    const cells = { bytes, texts, starts: view.batch.starts[column]!, ends: view.batch.ends[column]! };
    seen.observe(cells, view.missing(column), first, entry);
    return { first, entry, entries: seen.size };
  });
}

/** 1 where a (non-empty) value appears for the first time in the file; one set per column serves every expectation. */
export function firstSeen(view: BatchView, column: number): Uint8Array {
  return occurrences(view, column).first;
}

type Cells = { bytes: Uint8Array; texts: readonly string[]; starts: Int32Array; ends: Int32Array };

const scratch = new Int32Array(2);

/** The first 32-bit hash of one cell's bytes. */
function cellHash(cells: Cells, row: number): number {
  const start = cells.starts[row]!;
  if (start >= 0) hashBytes(cells.bytes, start, cells.ends[row]!, scratch, 0);
  else {
    const decoded = Buffer.from(cells.texts[-start - 1]!, 'utf8');
    hashBytes(decoded, 0, decoded.length, scratch, 0);
  }
  return scratch[0]!;
}

// Each fold mixes one column's cells into the rows' prints, from what the batch already computed
// for that column when it did (so most cells are not hashed again): a dictionary code, a date-time
// value (a fixed-width format writes each instant one way), an integer literal's value, length and
// first byte (`7`, `07`, `+7` differ); else the cell's bytes. A column is folded the same way in
// every batch (the same checks run in the same order), so equal text always gives an equal print.
// One function per kind keeps each loop simple enough to stay optimized.

function fold(prints: Int32Array, row: number, value: number, k: number): void {
  prints[row] = Math.imul(prints[row]! ^ value, 0x5bd1e995) + k;
}

function foldCodes(prints: Int32Array, codes: Int32Array, cells: Cells, k: number): void {
  for (let row = 0; row < prints.length; row++) {
    const code = codes[row]!;
    fold(prints, row, code >= 0 ? code : cellHash(cells, row), k);
  }
}

function foldDatetimes(prints: Int32Array, times: Float64Array, cells: Cells, k: number): void {
  const halves = new Int32Array(times.buffer, times.byteOffset, times.length * 2);
  for (let row = 0; row < prints.length; row++) {
    const value = times[row]!;
    fold(
      prints,
      row,
      value === value ? halves[row * 2]! ^ Math.imul(halves[row * 2 + 1]!, 0x1b873593) : cellHash(cells, row),
      k,
    );
  }
}

function foldIntegers(
  prints: Int32Array,
  integers: Uint8Array,
  numbers: Float64Array,
  cells: Cells,
  k: number,
): void {
  const { bytes, starts, ends } = cells;
  for (let row = 0; row < prints.length; row++) {
    const start = starts[row]!;
    const length = ends[row]! - start;
    if (integers[row] === 0 || start < 0 || length > 15) fold(prints, row, cellHash(cells, row), k);
    else {
      const value = numbers[row]!;
      const shape = Math.imul(length, 0x9e3779b1) ^ (bytes[start]! << 8);
      fold(prints, row, (value | 0) ^ shape ^ Math.imul((value / 4294967296) | 0, 0x1b873593), k);
    }
  }
}

function foldBytes(prints: Int32Array, cells: Cells, k: number): void {
  for (let row = 0; row < prints.length; row++) fold(prints, row, cellHash(cells, row), k);
}

function foldColumn(view: BatchView, prints: Int32Array, column: number, k: number): void {
  const { bytes, texts } = view.batch;
  const cells = { bytes, texts, starts: view.batch.starts[column]!, ends: view.batch.ends[column]! };
  if (view.has(`codes:${column}`)) foldCodes(prints, codes(view, column), cells, k);
  else if (view.has(`datetimes:${column}:${DATETIME_STRFTIME}`))
    foldDatetimes(prints, view.datetimes(column), cells, k);
  else if (view.has(`integers:${column}`) && view.has(`numbers:${column}`)) {
    foldIntegers(prints, view.integers(column), view.numbers(column), cells, k);
  } else foldBytes(prints, cells, k);
}

/**
 * 1 where the combination of `columns` appears for the first time in the file. The first column
 * anchors the search: a row whose anchor value is new is new, and keeps a 32-bit print of its other
 * cells; a row repeating an anchor value is compared with that print (a false match needs a 2^-32
 * collision within one anchor value), then with the 64-bit hashes of the other rows that repeated
 * an anchor. With an id column first, that is one cheap lookup per row, not a table of every row.
 */
export function firstSeenRows(view: BatchView, columns: readonly number[]): Uint8Array {
  const key = columns.join(',');
  return view.memo(`first-rows:${key}`, () => {
    const { first, entry, entries } = occurrences(view, columns[0]!);
    const prints = view.pool.take(Int32Array, view.rowCount, true);
    for (let row = 0; row < prints.length; row++)
      prints[row] = Math.imul(0x811c9dc5 ^ entry[row]!, 0x01000193);
    columns.slice(1).forEach((column, k) => foldColumn(view, prints, column, k));
    const firstRowPrint = view.sharedValue(`first-row-print:${key}`, () => new GrowableInt32Array());
    firstRowPrint.reserve(entries);
    const repeats = view.sharedValue(`repeated-rows:${key}`, () => new Hash64Set());
    const rest = columns.slice(1);
    const cells = {
      bytes: view.batch.bytes,
      texts: view.batch.texts,
      starts: rest.map((c) => view.batch.starts[c]!),
      ends: rest.map((c) => view.batch.ends[c]!),
    };
    const out = view.pool.take(Uint8Array, view.rowCount);
    markFirstRows(out, prints, first, entry, view.missing(columns[0]!), firstRowPrint, repeats, cells);
    return out;
  });
}

function markFirstRows(
  out: Uint8Array,
  prints: Int32Array,
  first: Uint8Array,
  entry: Int32Array,
  anchorMissing: Uint8Array,
  firstRowPrint: GrowableInt32Array,
  repeats: InstanceType<typeof Hash64Set>,
  cells: { bytes: Uint8Array; texts: readonly string[]; starts: Int32Array[]; ends: Int32Array[] },
): void {
  const hash = new Int32Array(2);
  for (let row = 0; row < prints.length; row++) {
    const print = finalMix(prints[row]!);
    const value = entry[row]!;
    if (first[row] === 1) {
      firstRowPrint.set(value, print);
      out[row] = 1;
    } else if (anchorMissing[row] === 1 || firstRowPrint.get(value) !== print) {
      hashRow(cells.bytes, cells.texts, cells.starts, cells.ends, row, value, hash, 0);
      out[row] = repeats.add(print, hash[1]!) ? 1 : 0;
    }
  }
}
