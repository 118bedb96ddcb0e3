import * as hashing from './hash-set';

// Bound once: see batch-view.ts.
const { hashBytes } = hashing;

/**
 * A set of allowed values asked about by bytes, so a cell is looked up without ever becoming a
 * string. Values are stored as UTF-8; a lookup hashes the cell, then compares bytes.
 */
export class ByteSet {
  private readonly values: Buffer[];
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hash = new Int32Array(2);

  constructor(values: Iterable<string>) {
    this.values = [...new Set(values)].map((v) => Buffer.from(v, 'utf8'));
    let capacity = 16;
    while (capacity < this.values.length * 4) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.values.forEach((value, index) => {
      let slot = this.slotOf(value, 0, value.length);
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = index + 1;
    });
  }

  has(bytes: Uint8Array, start: number, end: number): boolean {
    let slot = this.slotOf(bytes, start, end);
    for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
      const value = this.values[entry - 1]!;
      if (value.length === end - start && equalBytes(value, 0, bytes, start, value.length)) return true;
      slot = (slot + 1) & this.mask;
    }
    return false;
  }

  private slotOf(bytes: Uint8Array, start: number, end: number): number {
    hashBytes(bytes, start, end, this.hash, 0);
    return this.hash[0]! & this.mask;
  }
}

export function equalBytes(
  a: Uint8Array,
  aStart: number,
  b: Uint8Array,
  bStart: number,
  length: number,
): boolean {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}
