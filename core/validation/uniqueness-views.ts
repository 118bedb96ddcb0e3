import type { BatchView } from './batch-view';
import { FirstOccurrences } from './first-occurrences';
import { GrowableInt32Array } from './growable-array';
import { laneFor, rowPrints } from './row-prints';
import * as hashing from './hash-set';

// Bound once: see batch-view.ts.
const { Hash64Set, hashRow } = hashing;

/** Rows printed, then marked, at a time: the block's prints stay in the CPU's cache in between. */
const BLOCK = 4096;

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
    const firstRowPrints = view.sharedValue(`first-row-print:${key}`, () => new GrowableInt32Array());
    const marking: Marking = {
      first,
      entry,
      anchorMissing: view.missing(columns[0]!),
      firstRowPrint: firstRowPrints.reserved(entries),
      repeats: view.sharedValue(`repeated-rows:${key}`, () => new Hash64Set()),
      cells: {
        bytes: view.batch.bytes,
        texts: view.batch.texts,
        starts: columns.slice(1).map((c) => view.batch.starts[c]!),
        ends: columns.slice(1).map((c) => view.batch.ends[c]!),
      },
    };
    const lanes = columns.slice(1).map((column) => laneFor(view, column));
    const prints = view.pool.take(Int32Array, BLOCK, true);
    const out = view.pool.take(Uint8Array, view.rowCount);
    for (let from = 0; from < view.rowCount; from += BLOCK) {
      const to = Math.min(view.rowCount, from + BLOCK);
      rowPrints(lanes, entry, prints, from, to);
      markFirstRows(out, prints, marking, from, to);
    }
    return out;
  });
}

interface Marking {
  first: Uint8Array;
  entry: Int32Array;
  anchorMissing: Uint8Array;
  /** The print of each anchor value's first row, by entry. */
  firstRowPrint: Int32Array;
  repeats: InstanceType<typeof Hash64Set>;
  cells: { bytes: Uint8Array; texts: readonly string[]; starts: Int32Array[]; ends: Int32Array[] };
}

const rowHash = new Int32Array(2);

function markFirstRows(
  out: Uint8Array,
  prints: Int32Array,
  marking: Marking,
  from: number,
  to: number,
): void {
  const { first, entry, anchorMissing, firstRowPrint, repeats, cells } = marking;
  for (let row = from; row < to; row++) {
    const print = prints[row - from]!;
    const value = entry[row]!;
    if (first[row] === 1) {
      firstRowPrint[value] = print;
      out[row] = 1;
    } else if (anchorMissing[row] === 1 || firstRowPrint[value] !== print) {
      hashRow(cells.bytes, cells.texts, cells.starts, cells.ends, row, value, rowHash, 0);
      out[row] = repeats.add(print, rowHash[1]!) ? 1 : 0;
    }
  }
}
