import type { BatchView } from '../batch-view';
import { Hash64Set } from '../hash-set';

const MEMO_LIMIT = 1 << 20;
const memos = new WeakMap<RegExp, Hash64Set>();

/**
 * 1 where a cell matches `pattern`. A regular expression needs a string, and making one per cell
 * is the slowest thing a check can do, so each distinct value (known by its 64-bit hash, as
 * uniqueness knows it) is tested once and remembered for the rest of the file: a column of 229
 * airport codes costs 229 regex tests, not a million. Past a million distinct values, each is tested.
 */
export function regexMatches(view: BatchView, column: number, pattern: RegExp): Uint8Array {
  return view.memo(`regex:${column}:${pattern.source}:${pattern.flags}`, () => {
    let memo = memos.get(pattern);
    if (!memo) memos.set(pattern, (memo = new Hash64Set()));
    const hashes = view.hashes(column);
    const out = new Uint8Array(view.rowCount);
    for (let row = 0; row < out.length; row++) {
      const a = hashes[row * 2]!;
      const b = hashes[row * 2 + 1]!;
      let matched = memo.get(a, b);
      if (matched < 0) {
        pattern.lastIndex = 0;
        matched = pattern.test(view.text(column, row)) ? 1 : 0;
        if (memo.size < MEMO_LIMIT) memo.set(a, b, matched);
      }
      out[row] = matched;
    }
    return out;
  });
}
