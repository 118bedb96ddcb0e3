import * as hashing from './hash-set';

// Bound once: see batch-view.ts.
const { Hash64Set, hashBytes } = hashing;

const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;
/** 256 pages of 65,536 values: 64 MB at most, for the ids of up to ~16M rows in runs (the rest are hashed). */
const MAX_PAGES = 256;
const MAX_SAFE_DIGITS = 15;

/**
 * The distinct values of one column over a whole file, each numbered (an entry) when first seen.
 * Identifiers are usually integers that come in runs (flight ids, order numbers): a cell written as
 * a canonical integer (`0`, `581`, `-12`; no sign, leading zero or space) is looked up by value in
 * pages of a direct table, exactly and in cache-friendly order. Any other text, or integers once the
 * page budget is spent, go by 64-bit hash (see Hash64Set). The two never hold the same text, so
 * together they are one exact set (up to hash collisions on the hashed part).
 */
export class FirstOccurrences {
  private readonly pages = new Map<number, Int32Array>();
  private readonly hashed = new Hash64Set();
  private entries = 0;

  get size(): number {
    return this.entries;
  }

  private readonly hash = new Int32Array(2);

  /**
   * For each row not `skip`ped (a missing cell): `entry[row]` numbers its value and `first[row]` is
   * 1 if the value is new to the file. Cells are spans of `bytes`, or `texts[-start - 1]`.
   */
  observe(
    cells: { bytes: Uint8Array; texts: readonly string[]; starts: Int32Array; ends: Int32Array },
    skip: Uint8Array,
    first: Uint8Array,
    entry: Int32Array,
  ): void {
    const { bytes, texts, starts, ends } = cells;
    const hash = this.hash;
    for (let row = 0; row < skip.length; row++) {
      if (skip[row] === 1) continue;
      const start = starts[row]!;
      const value = start >= 0 ? canonicalInteger(bytes, start, ends[row]!) : NaN;
      // Most ids are small positive integers: integer arithmetic for them, floats for the rest.
      const small = value >= 0 && value < 0x7fffffff;
      const key = small ? value >>> PAGE_BITS : Math.floor(value / PAGE_SIZE);
      const page = value === value ? this.pageFor(key) : undefined;
      let id: number;
      let created = false;
      if (page) {
        const at = small ? value & (PAGE_SIZE - 1) : value - key * PAGE_SIZE;
        id = page[at]! - 1;
        if (id < 0) {
          id = this.entries++;
          page[at] = id + 1;
          created = true;
        }
      } else {
        if (start >= 0) hashBytes(bytes, start, ends[row]!, hash, 0);
        else {
          const decoded = Buffer.from(texts[-start - 1]!, 'utf8');
          hashBytes(decoded, 0, decoded.length, hash, 0);
        }
        id = this.hashed.get(hash[0]!, hash[1]!);
        if (id < 0) {
          id = this.entries++;
          this.hashed.set(hash[0]!, hash[1]!, id);
          created = true;
        }
      }
      entry[row] = id;
      first[row] = created ? 1 : 0;
    }
  }

  private lastKey = NaN;
  private lastPage: Int32Array | undefined;

  /** Ids come in runs: the page of the previous value is nearly always the page of the next. */
  private pageFor(key: number): Int32Array | undefined {
    if (key === this.lastKey) return this.lastPage;
    let page = this.pages.get(key);
    if (!page && this.pages.size < MAX_PAGES) this.pages.set(key, (page = new Int32Array(PAGE_SIZE)));
    this.lastKey = key;
    this.lastPage = page;
    return page;
  }
}

/** The value of a canonical integer literal (what String(n) writes for a safe integer), else NaN. */
function canonicalInteger(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative) i++;
  const digits = end - i;
  if (digits < 1 || digits > MAX_SAFE_DIGITS || (bytes[i] === 48 && (digits > 1 || negative))) return NaN;
  let value = 0;
  for (; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}
