import { DATETIME_STRFTIME } from '../feature-spec';
import type { BatchView } from './batch-view';
import { codes } from './value-decisions';
import * as hashing from './hash-set';

// Bound once: see batch-view.ts.
const { finalMix, hashBytes } = hashing;

/** A column's cells: spans of `bytes`, or `texts[-start - 1]` for a decoded cell. */
export type Cells = { bytes: Uint8Array; texts: readonly string[]; starts: Int32Array; ends: Int32Array };

/**
 * How one column enters a row's print, from what the batch already computed for that column when
 * it did (so most cells are not hashed again): a dictionary code, a date-time value (a fixed-width
 * format writes each instant one way), an integer literal's value, length and first byte (`7`,
 * `07`, `+7` differ); else the cell's bytes, as for a cell none of these could read. A column
 * enters the same way in every batch (the same checks run in the same order), so equal text
 * always gives an equal print.
 */
export type Lane =
  | { kind: 'codes'; cells: Cells; codes: Int32Array }
  | { kind: 'datetimes'; cells: Cells; halves: Int32Array; times: Float64Array }
  | { kind: 'integers'; cells: Cells; integers: Uint8Array; numbers: Float64Array }
  | { kind: 'bytes'; cells: Cells };

export function laneFor(view: BatchView, column: number): Lane {
  const { bytes, texts } = view.batch;
  const cells = { bytes, texts, starts: view.batch.starts[column]!, ends: view.batch.ends[column]! };
  if (view.has(`codes:${column}`)) return { kind: 'codes', cells, codes: codes(view, column) };
  if (view.has(`datetimes:${column}:${DATETIME_STRFTIME}`)) {
    const times = view.datetimes(column);
    const halves = new Int32Array(times.buffer, times.byteOffset, times.length * 2);
    return { kind: 'datetimes', cells, halves, times };
  }
  if (view.has(`integers:${column}`) && view.has(`numbers:${column}`)) {
    return { kind: 'integers', cells, integers: view.integers(column), numbers: view.numbers(column) };
  }
  return { kind: 'bytes', cells };
}

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

/** The value column `k` mixes in for `row`, as source text over that lane's locals. */
const VALUE: Record<Lane['kind'], (k: number) => string> = {
  codes: (k) => `codes${k}[row] >= 0 ? codes${k}[row] : cellHash(cells${k}, row)`,
  datetimes: (k) =>
    `times${k}[row] === times${k}[row] ? halves${k}[row * 2] ^ Math.imul(halves${k}[row * 2 + 1], 0x1b873593) : cellHash(cells${k}, row)`,
  integers: (k) =>
    `integers${k}[row] === 0 || starts${k}[row] < 0 || ends${k}[row] - starts${k}[row] > 15 ? cellHash(cells${k}, row) : ` +
    `(numbers${k}[row] | 0) ^ Math.imul(ends${k}[row] - starts${k}[row], 0x9e3779b1) ^ (bytes${k}[starts${k}[row]] << 8) ^ Math.imul((numbers${k}[row] / 4294967296) | 0, 0x1b873593)`,
  bytes: (k) => `cellHash(cells${k}, row)`,
};

type Kernel = (
  lanes: readonly Lane[],
  entry: Int32Array,
  prints: Int32Array,
  from: number,
  to: number,
) => void;
const kernels = new Map<string, Kernel>();

/**
 * Writes the final print of rows `from..to` to `prints[row - from]`: the anchor's entry, then each
 * lane's value in turn, mixed. The loop is generated once per combination of lane kinds (like the
 * strftime readers): one pass that keeps the print in a register across the columns, instead of
 * one pass per column over a column-sized array of prints, made the whole compound check 15-25%
 * cheaper on the flights columns; a loop that asked each lane's kind per row would not stay
 * optimized. Only lane numbers and fixed text reach the generated source.
 */
export function rowPrints(
  lanes: readonly Lane[],
  entry: Int32Array,
  prints: Int32Array,
  from: number,
  to: number,
) {
  const kinds = lanes.map((lane) => lane.kind);
  let kernel = kernels.get(kinds.join(','));
  if (!kernel) {
    const locals = lanes.map((lane, k) => {
      const fields = Object.keys(lane).filter((f) => f !== 'kind');
      const cells = ['bytes', 'starts', 'ends'].map((f) => `const ${f}${k} = cells${k}.${f};`);
      return [...fields.map((f) => `const ${f}${k} = lanes[${k}].${f};`), ...cells].join(' ');
    });
    const mixes = kinds.map((kind, k) => `p = (Math.imul(p ^ (${VALUE[kind](k)}), 0x5bd1e995) + ${k}) | 0;`);
    kernel = new Function(
      'cellHash',
      'finalMix',
      `return function rowPrints(lanes, entry, prints, from, to) {
        ${locals.join('\n')}
        for (let row = from; row < to; row++) {
          let p = Math.imul(0x811c9dc5 ^ entry[row], 0x01000193);
          ${mixes.join('\n')}
          prints[row - from] = finalMix(p);
        }
      };`,
    )(cellHash, finalMix) as Kernel;
    kernels.set(kinds.join(','), kernel);
  }
  kernel(lanes, entry, prints, from, to);
}
