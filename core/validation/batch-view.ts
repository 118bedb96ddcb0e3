import { DATETIME_STRFTIME } from '../feature-spec';
import * as byteSet from './byte-set';
import * as hashing from './hash-set';
import * as parsing from './parse-values';

// Hot functions are bound once: tsx's CommonJS output reads an imported binding through a getter
// on every call, which in a loop over a million cells costs more than the call itself.
const { equalBytes } = byteSet;
const { combineHash, Hash64Set, hashBytes } = hashing;
const { compileStrftime, isInteger, parseDecimal } = parsing;
type ByteSet = byteSet.ByteSet;

function codePoints(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if ((bytes[i]! & 0xc0) !== 0x80) count++;
  return count;
}

/**
 * A slice of a file's data rows, column by column, as spans of the bytes they were read from: a
 * cell is `bytes[starts[c][r]..ends[c][r])`. A negative start `-k-1` points at `texts[k]` instead
 * (the rare cell written with `""` escapes, decoded once). A row with fewer fields than the header
 * has empty spans for the rest.
 */
export interface RecordBatch {
  /** Index of the batch's first row in the file (0-based data rows, header excluded). */
  offset: number;
  rowCount: number;
  bytes: Buffer;
  starts: Int32Array[];
  ends: Int32Array[];
  texts: string[];
  /** Rows (local indices) whose field count differs from the header's, and their counts. */
  raggedRows: number[];
  raggedCounts: number[];
  /** Rows (local indices) with text after a closing quote. */
  malformedRows: number[];
}

/**
 * Typed views of a batch's columns, each computed at most once and shared by every expectation
 * that needs it, read straight from the bytes: the checks run over Float64Arrays and Uint8Arrays
 * in tight loops, and a cell becomes a string only when a result shows it.
 */
export class BatchView {
  private readonly cache = new Map<string, unknown>();

  /** `shared` outlives the batch: state several expectations keep across a whole file (values seen so far). */
  constructor(
    readonly batch: RecordBatch,
    private readonly shared: Map<string, unknown> = new Map(),
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

  /** Each cell as a plain decimal number; NaN where it is not one (or empty). */
  numbers(column: number): Float64Array {
    return this.memo(`numbers:${column}`, () => {
      const { bytes, starts, ends, out } = this.spans(column, Float64Array);
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        out[row] = start >= 0 ? parseDecimal(bytes, start, ends[row]!) : this.viaText(start, parseDecimal);
      }
      return out;
    });
  }

  /** 1 where the cell is a plain integer literal (`581`, `-3`). */
  integers(column: number): Uint8Array {
    return this.memo(`integers:${column}`, () => {
      const { bytes, starts, ends, out } = this.spans(column, Uint8Array);
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        if (start >= 0 ? isInteger(bytes, start, ends[row]!) : this.viaText(start, isInteger)) out[row] = 1;
      }
      return out;
    });
  }

  /** Each cell as epoch ms by a strftime format (Contrail's date-time format by default); NaN where it does not match. */
  datetimes(column: number, format: string = DATETIME_STRFTIME): Float64Array {
    return this.memo(`datetimes:${column}:${format}`, () => {
      const read = compileStrftime(format);
      const { bytes, starts, ends, out } = this.spans(column, Float64Array);
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        out[row] = start >= 0 ? read(bytes, start, ends[row]!) : this.viaText(start, read);
      }
      return out;
    });
  }

  /** 1 where the cell is in `values` (`key` names the set in the cache). */
  inSet(column: number, values: ByteSet, key: string): Uint8Array {
    return this.memo(`in:${column}:${key}`, () => {
      const { bytes, starts, ends, out } = this.spans(column, Uint8Array);
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        if (
          start >= 0
            ? values.has(bytes, start, ends[row]!)
            : this.viaText(start, (b, s, e) => values.has(b, s, e))
        ) {
          out[row] = 1;
        }
      }
      return out;
    });
  }

  /** Each cell's length in characters (Unicode code points, as Python's `len`). */
  lengths(column: number): Int32Array {
    return this.memo(`lengths:${column}`, () => {
      const { bytes, starts, ends, out } = this.spans(column, Int32Array);
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        out[row] = start >= 0 ? codePoints(bytes, start, ends[row]!) : this.viaText(start, codePoints);
      }
      return out;
    });
  }

  /** Two 32-bit hashes per cell (`[a0, b0, a1, b1, ...]`), for uniqueness. */
  hashes(column: number): Int32Array {
    return this.memo(`hashes:${column}`, () => {
      const { bytes, starts, ends } = this.spans(column, Uint8Array);
      const out = new Int32Array(this.rowCount * 2);
      for (let row = 0; row < this.rowCount; row++) {
        const start = starts[row]!;
        if (start >= 0) hashBytes(bytes, start, ends[row]!, out, row * 2);
        else this.viaText(start, (b, s, e) => hashBytes(b, s, e, out, row * 2));
      }
      return out;
    });
  }

  /** 1 where a (non-empty) value appears for the first time in the file; one table per column serves every expectation. */
  firstSeen(column: number): Uint8Array {
    return this.memo(`first:${column}`, () => {
      const seen = this.sharedValue(`seen:${column}`, () => new Hash64Set(this.rowCount));
      const missing = this.missing(column);
      const hashes = this.hashes(column);
      const out = new Uint8Array(this.rowCount);
      for (let row = 0; row < out.length; row++) {
        if (missing[row] === 0 && seen.add(hashes[row * 2]!, hashes[row * 2 + 1]!)) out[row] = 1;
      }
      return out;
    });
  }

  /** 1 where the combination of `columns` appears for the first time in the file. */
  firstSeenRows(columns: readonly number[]): Uint8Array {
    const key = columns.join(',');
    return this.memo(`first-rows:${key}`, () => {
      const seen = this.sharedValue(`seen-rows:${key}`, () => new Hash64Set(this.rowCount));
      const hashes = new Int32Array(this.rowCount * 2);
      columns.forEach((column, position) => {
        const cells = this.hashes(column);
        for (let row = 0; row < this.rowCount; row++) {
          combineHash(hashes, row * 2, cells[row * 2]!, cells[row * 2 + 1]!, position);
        }
      });
      const out = new Uint8Array(this.rowCount);
      for (let row = 0; row < out.length; row++)
        if (seen.add(hashes[row * 2]!, hashes[row * 2 + 1]!)) out[row] = 1;
      return out;
    });
  }

  /** Whether two cells of a row hold the same text. */
  sameText(a: number, b: number, row: number): boolean {
    const { bytes, starts, ends } = this.batch;
    const aStart = starts[a]![row]!;
    const bStart = starts[b]![row]!;
    if (aStart < 0 || bStart < 0) return this.text(a, row) === this.text(b, row);
    const length = ends[a]![row]! - aStart;
    return length === ends[b]![row]! - bStart && equalBytes(bytes, aStart, bytes, bStart, length);
  }

  /** A column's spans, and an output array of its length. */
  private spans<A>(column: number, Out: new (length: number) => A) {
    return {
      bytes: this.batch.bytes,
      starts: this.batch.starts[column]!,
      ends: this.batch.ends[column]!,
      out: new Out(this.rowCount),
    };
  }

  private textAt(start: number): string {
    return this.batch.texts[-start - 1]!;
  }

  /** The slow path for a decoded cell: its text as UTF-8 bytes, so every reader sees the same encoding. */
  private viaText<T>(start: number, read: (bytes: Uint8Array, start: number, end: number) => T): T {
    const decoded = Buffer.from(this.textAt(start), 'utf8');
    return read(decoded, 0, decoded.length);
  }

  memo<T>(key: string, compute: () => T): T {
    return remember(this.cache, key, compute);
  }

  private sharedValue<T>(key: string, create: () => T): T {
    return remember(this.shared, key, create);
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
