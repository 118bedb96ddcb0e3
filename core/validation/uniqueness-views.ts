import { DATETIME_STRFTIME } from '../feature-spec';
import type { BatchView } from './batch-view';
import { FirstOccurrences } from './first-occurrences';
import { GrowableInt32Array } from './growable-array';
import * as hashing from './hash-set';

// Bound once: see batch-view.ts.
const { finalMix, Hash64Set, hashBytes, hashRow } = hashing;

/** Which value (numbered by first appearance in the file) each row holds, and whether this is its first. */
function occurrences(view: BatchView, column: number): { first: Uint8Array; entry: Int32Array } {
  return view.memo(`occurrences:${column}`, () => {
    const seen = view.sharedValue(`occurrences:${column}`, () => new FirstOccurrences());
    const first = new Uint8Array(view.rowCount);
    const entry = new Int32Array(view.rowCount).fill(-1);
    const { bytes, texts } = view.batch;
    const cells = { bytes, texts, starts: view.batch.starts[column]!, ends: view.batch.ends[column]! };
    seen.observe(cells, view.missing(column), first, entry);
    return { first, entry };
  });
}

/** 1 where a (non-empty) value appears for the first time in the file; one set per column serves every expectation. */
export function firstSeen(view: BatchView, column: number): Uint8Array {
  return occurrences(view, column).first;
}

/**
 * A 32-bit fingerprint per cell, equal for equal text. It reuses what the batch already computed for
 * the column, when it did: a dictionary code, a date-time value (a fixed-width format writes each
 * instant one way) or an integer's value; else it hashes the bytes. The choice is per column and the same in every batch
 * (the same checks run in the same order), so a value's fingerprint never changes within a file.
 */
function fingerprints(view: BatchView, column: number): Int32Array {
  return view.memo(`fingerprints:${column}`, () => {
    const out = new Int32Array(view.rowCount);
    const { bytes, texts } = view.batch;
    const starts = view.batch.starts[column]!;
    const ends = view.batch.ends[column]!;
    const hash = new Int32Array(2);
    const byBytes = (row: number) => {
      const start = starts[row]!;
      if (start >= 0) hashBytes(bytes, start, ends[row]!, hash, 0);
      else {
        const decoded = Buffer.from(texts[-start - 1]!, 'utf8');
        hashBytes(decoded, 0, decoded.length, hash, 0);
      }
      return hash[0]!;
    };
    const dateKey = `datetimes:${column}:${DATETIME_STRFTIME}`;
    if (view.has(`codes:${column}`)) {
      const codes = view.codes(column);
      for (let row = 0; row < out.length; row++)
        out[row] = codes[row]! >= 0 ? finalMix(codes[row]! ^ 0x3c6ef372) : byBytes(row);
    } else if (view.has(dateKey)) {
      const times = view.datetimes(column);
      const halves = new Int32Array(times.buffer, times.byteOffset, times.length * 2);
      for (let row = 0; row < out.length; row++) {
        out[row] = Number.isNaN(times[row])
          ? byBytes(row)
          : finalMix(halves[row * 2]! ^ finalMix(halves[row * 2 + 1]! ^ 0x1b873593));
      }
    } else if (view.has(`integers:${column}`) && view.has(`numbers:${column}`)) {
      // An integer literal (up to 15 digits: exact as a double) is told apart by its value, length
      // and first byte (`+7`, `07`, `7`).
      const [integers, numbers] = [view.integers(column), view.numbers(column)];
      for (let row = 0; row < out.length; row++) {
        const start = starts[row]!;
        if (integers[row] === 0 || start < 0 || ends[row]! - start > 15) out[row] = byBytes(row);
        else {
          const value = numbers[row]!;
          const shape = Math.imul(ends[row]! - start, 0x9e3779b1) ^ (bytes[start]! << 8);
          out[row] = finalMix((value | 0) ^ shape) ^ finalMix((value / 4294967296) | 0);
        }
      }
    } else {
      for (let row = 0; row < out.length; row++) out[row] = byBytes(row);
    }
    return out;
  });
}

/**
 * 1 where the combination of `columns` appears for the first time in the file. The first column
 * anchors the search: a row whose anchor value is new is new, and keeps a 32-bit fingerprint of its
 * other cells; a row repeating an anchor value is compared with that fingerprint (a false match needs
 * a 2^-32 collision within one anchor value), then with the 64-bit hashes of the other rows that
 * repeated an anchor. With an id column first, that is one cheap lookup per row, not a table of rows.
 */
export function firstSeenRows(view: BatchView, columns: readonly number[]): Uint8Array {
  const key = columns.join(',');
  return view.memo(`first-rows:${key}`, () => {
    const anchor = occurrences(view, columns[0]!);
    const anchorMissing = view.missing(columns[0]!);
    const firstRowPrint = view.sharedValue(`first-row-print:${key}`, () => new GrowableInt32Array());
    const repeats = view.sharedValue(`repeated-rows:${key}`, () => new Hash64Set());
    const rest = columns.slice(1);
    const prints = rest.map((column) => fingerprints(view, column));
    const { bytes, texts } = view.batch;
    const starts = rest.map((c) => view.batch.starts[c]!);
    const ends = rest.map((c) => view.batch.ends[c]!);
    const hash = new Int32Array(2);
    const out = new Uint8Array(view.rowCount);
    for (let row = 0; row < out.length; row++) {
      const entry = anchor.entry[row]!;
      let print = Math.imul(0x811c9dc5 ^ entry, 0x01000193);
      for (let k = 0; k < prints.length; k++) print = Math.imul(print ^ prints[k]![row]!, 0x01000193) + k;
      if (anchor.first[row] === 1) {
        firstRowPrint.set(entry, print);
        out[row] = 1;
        continue;
      }
      if (anchorMissing[row] === 0 && firstRowPrint.get(entry) === print) continue;
      hashRow(bytes, texts, starts, ends, row, entry, hash, 0);
      out[row] = repeats.add(print, hash[1]!) ? 1 : 0;
    }
    return out;
  });
}
