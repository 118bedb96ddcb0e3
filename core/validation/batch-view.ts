import { isAscii } from 'node:buffer';
import type { RecordBatch } from './record-batch';
import { type ArrayKind, ArrayPool } from './array-pool';
import { DATETIME_STRFTIME } from '../feature-spec';
import * as byteSet from './byte-set';
import * as parsing from './parse-values';
import * as strftime from './strftime';

// Hot functions are bound once: tsx's CommonJS output reads an imported binding through a getter
// on every call, which in a loop over a million cells costs more than the call itself.
const { equalBytes } = byteSet;
const { isInteger, parseDecimal, readDecimal } = parsing;
const { compileStrftime, strftimeColumnReader } = strftime;

function codePoints(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if ((bytes[i]! & 0xc0) !== 0x80) count++;
  return count;
}

/**
 * Typed views of a batch's columns, each computed at most once and shared by every expectation
 * that needs it, read straight from the bytes: the checks run over Float64Arrays and Uint8Arrays
 * in tight loops, and a cell becomes a string only when a result shows it.
 */
export class BatchView {
  private readonly cache = new Map<string, unknown>();

  /**
   * `shared` outlives the batch: state several expectations keep across a whole file (values seen
   * so far). `pool` lends the views' arrays; they are valid until the pool reclaims them.
   */
  constructor(
    readonly batch: RecordBatch,
    private readonly shared: Map<string, unknown> = new Map(),
    readonly pool: ArrayPool = new ArrayPool(),
  ) {}

  get rowCount(): number {
    return this.batch.rowCount;
  }

  text(column: number, row: number): string {
    const { bytes, starts, ends, texts } = this.batch;
    const start = starts[column]![row]!;
    return start >= 0 ? bytes.toString('utf8', start, ends[column]![row]) : texts[-start - 1]!;
  }

  /** 1 where the cell is empty: CSV's null, as pandas reads it. */
  missing(column: number): Uint8Array {
    return this.memo(`missing:${column}`, () => {
      const { starts, ends, out } = this.spans(column, Uint8Array);
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        if (start >= 0 ? ends[row] === start : this.textAt(start) === '') out[row] = 1;
      }
      return out;
    });
  }

  /** How many cells of the column are empty. */
  missingCount(column: number): number {
    return this.memo(`missing-count:${column}`, () => {
      const missing = this.missing(column);
      let count = 0;
      for (let at = missing.indexOf(1); at >= 0; at = missing.indexOf(1, at + 1)) count++;
      return count;
    });
  }

  /** Each cell as a plain decimal number; NaN where it is not one (or empty). */
  numbers(column: number): Float64Array {
    return this.memo(`numbers:${column}`, () => this.decimals(column).numbers);
  }

  /** 1 where the cell is a plain integer literal (`581`, `-3`). */
  integers(column: number): Uint8Array {
    return this.memo(`integers:${column}`, () => this.decimals(column).integers);
  }

  /** Numbers and integer flags in one read of the bytes: a number column's checks want both. */
  private decimals(column: number): { numbers: Float64Array; integers: Uint8Array } {
    return this.memo(`decimals:${column}`, () => {
      const { bytes, starts, ends, out } = this.spans(column, Float64Array, true);
      const integers = this.pool.take(Uint8Array, this.rowCount, true);
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        if (start >= 0) readDecimal(bytes, start, ends[row]!, out, integers, row);
        else {
          out[row] = this.viaText(start, parseDecimal);
          integers[row] = this.viaText(start, isInteger) ? 1 : 0;
        }
      }
      return { numbers: out, integers };
    });
  }

  /** Each cell as epoch ms by a strftime format (Contrail's date-time format by default); NaN where it does not match. */
  datetimes(column: number, format: string = DATETIME_STRFTIME): Float64Array {
    return this.memo(`datetimes:${column}:${format}`, () => {
      const { bytes, starts, ends, out } = this.spans(column, Float64Array, true);
      let readText: ((bytes: Uint8Array, start: number, end: number) => number) | undefined;
      strftimeColumnReader(format)(bytes, starts, ends, out, (row) => {
        readText ??= compileStrftime(format);
        out[row] = this.viaText(starts[row]!, readText);
      });
      return out;
    });
  }

  /** Each cell's length in characters (Unicode code points, as Python's `len`). */
  lengths(column: number): Int32Array {
    return this.memo(`lengths:${column}`, () => {
      const { bytes, starts, ends, out } = this.spans(column, Int32Array, true);
      const ascii = this.memo('ascii', () => isAscii(bytes));
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        if (start < 0) out[row] = this.viaText(start, codePoints);
        else out[row] = ascii ? ends[row]! - start : codePoints(bytes, start, ends[row]!);
      }
      return out;
    });
  }

  /** Sets `out[row] = 1` where columns `a` and `b` hold the same text. */
  markSameText(a: number, b: number, out: Uint8Array): void {
    const { bytes } = this.batch;
    const [aStarts, aEnds] = [this.batch.starts[a]!, this.batch.ends[a]!];
    const [bStarts, bEnds] = [this.batch.starts[b]!, this.batch.ends[b]!];
    for (let row = 0; row < out.length; row++) {
      const aStart = aStarts[row]!;
      const bStart = bStarts[row]!;
      const length = aEnds[row]! - aStart;
      if (aStart < 0 || bStart < 0) {
        if (this.text(a, row) === this.text(b, row)) out[row] = 1;
      } else if (length === bEnds[row]! - bStart && equalBytes(bytes, aStart, bytes, bStart, length)) {
        out[row] = 1;
      }
    }
  }

  /** A column's spans, and an output array (from the pool) of its length; `filled`: see ArrayPool. */
  spans<K extends ArrayKind>(column: number, Kind: K, filled = false) {
    return {
      bytes: this.batch.bytes,
      starts: this.batch.starts[column]!,
      ends: this.batch.ends[column]!,
      out: this.pool.take(Kind, this.rowCount, filled),
    };
  }

  private textAt(start: number): string {
    return this.batch.texts[-start - 1]!;
  }

  /** The slow path for a decoded cell: its text as UTF-8 bytes, so every reader sees the same encoding. */
  viaText<T>(start: number, read: (bytes: Uint8Array, start: number, end: number) => T): T {
    const decoded = Buffer.from(this.textAt(start), 'utf8');
    return read(decoded, 0, decoded.length);
  }

  memo<T>(key: string, compute: () => T): T {
    return remember(this.cache, key, compute);
  }

  /** State kept across the file's batches (see the constructor), created on first use. */
  sharedValue<T>(key: string, create: () => T): T {
    return remember(this.shared, key, create);
  }

  /** Whether a view was already computed for this batch (e.g. `codes:3`). */
  has(key: string): boolean {
    return this.cache.has(key);
  }
}

function remember<T>(cache: Map<string, unknown>, key: string, compute: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}
