import * as hashing from './hash-set';
import { IntMap } from './int-map';

// Bound once: see batch-view.ts.
const { Hash64Set, hashBytes } = hashing;

/** Distinct values a dictionary numbers per column before it stops (the rest are judged cell by cell). */
export const DICTIONARY_LIMIT = 1 << 16;

/**
 * Numbers the distinct values of one column over a whole file (values known by their 64-bit hash),
 * so that what depends only on the value (is it in the set, does it match the pattern, how long is
 * it) is decided once per distinct value instead of once per cell: a column of 229 airport codes has
 * 229 codes however many rows it has. Past the limit, new values get no code (-1).
 */
export class ValueDictionary {
  private readonly table = new Hash64Set();
  private readonly hash = new Int32Array(2);
  size = 0;

  /** Values of up to 3 bytes (codes like ATL), keyed by their bytes packed in an int: no hashing. */
  private readonly short = new IntMap();

  encode(
    cells: { bytes: Uint8Array; texts: readonly string[]; starts: Int32Array; ends: Int32Array },
    out: Int32Array,
  ): void {
    const { bytes, texts, starts, ends } = cells;
    const hash = this.hash;
    for (let row = 0; row < out.length; row++) {
      let source = bytes;
      let start = starts[row]!;
      let end = ends[row]!;
      if (start < 0) {
        source = Buffer.from(texts[-start - 1]!, 'utf8');
        [start, end] = [0, source.length];
      }
      const length = end - start;
      if (length <= 3) {
        const key =
          (length << 24) |
          (length > 0 ? source[start]! : 0) |
          (length > 1 ? source[start + 1]! << 8 : 0) |
          (length > 2 ? source[start + 2]! << 16 : 0);
        let code = this.short.get(key);
        if (code < 0) {
          code = this.size < DICTIONARY_LIMIT ? this.size++ : -1;
          if (code >= 0) this.short.set(key, code);
        }
        out[row] = code;
        continue;
      }
      hashBytes(source, start, end, hash, 0);
      let code = this.table.get(hash[0]!, hash[1]!);
      if (code < 0 && this.size < DICTIONARY_LIMIT) this.table.set(hash[0]!, hash[1]!, (code = this.size++));
      out[row] = code;
    }
  }
}

/** A decision (0 or 1) per dictionary code, -1 until made; read straight from `table` in loops. */
export class CodeDecisions {
  readonly table = new Int8Array(DICTIONARY_LIMIT).fill(-1);
}
