import type { BatchView } from './batch-view';
import type { ByteSet } from './byte-set';
import { CodeDecisions, ValueDictionary } from './value-dictionary';

/**
 * Views decided per distinct value rather than per cell: a column's cells are numbered through the
 * file's dictionary of its values (see ValueDictionary), and whatever depends only on the value
 * (in the set? matching the pattern?) is decided once per code.
 */

/** Each cell's code in the column's dictionary of distinct values (-1: past the dictionary's limit). */
export function codes(view: BatchView, column: number): Int32Array {
  return view.memo(`codes:${column}`, () => {
    const dictionary = view.sharedValue(`dictionary:${column}`, () => new ValueDictionary());
    const out = view.pool.take(Int32Array, view.rowCount, true);
    const { bytes, texts } = view.batch;
    dictionary.encode(
      { bytes, texts, starts: view.batch.starts[column]!, ends: view.batch.ends[column]! },
      out,
    );
    return out;
  });
}

/** 1 where `decide` says yes: asked once per distinct value for the whole file, cell by cell past the dictionary's limit. */
export function decideOnce(
  view: BatchView,
  column: number,
  key: string,
  decide: (bytes: Uint8Array, start: number, end: number) => boolean,
): Uint8Array {
  return view.memo(`decide:${key}:${column}`, () => {
    const table = view.sharedValue(`decisions:${key}:${column}`, () => new CodeDecisions()).table;
    const cellCodes = codes(view, column);
    const { bytes, starts, ends, out } = view.spans(column, Uint8Array, true);
    for (let row = 0; row < out.length; row++) {
      const code = cellCodes[row]!;
      let yes = code >= 0 ? table[code]! : -1;
      if (yes < 0) {
        const start = starts[row]!;
        yes = (start >= 0 ? decide(bytes, start, ends[row]!) : view.viaText(start, decide)) ? 1 : 0;
        if (code >= 0) table[code] = yes;
      }
      out[row] = yes;
    }
    return out;
  });
}

/** 1 where the cell is in `values` (`key` names the set). */
export function inSet(view: BatchView, column: number, values: ByteSet, key: string): Uint8Array {
  return decideOnce(view, column, `in:${key}`, (bytes, start, end) => values.has(bytes, start, end));
}
