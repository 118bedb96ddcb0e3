/**
 * Uniqueness over millions of values without holding them: each value is reduced to a 64-bit hash
 * (two independent 32-bit hashes) kept in an open-addressing table in one Int32Array, 24 bytes per
 * distinct value at most (a probe touches one cache line, which is what makes it fast). Two
 * different values are taken for one only on a 64-bit collision (odds near n²/2^65: about 1 in 10^6
 * for a 5-million-row file), which is the price of bounded memory.
 */
export class Hash64Set {
  /** Slots of [a, b, value]; (0, 0) marks an empty slot, so a real (0, 0) is stored as (0, 1). */
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 32) {
    let capacity = 64;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 3);
    this.mask = capacity - 1;
  }

  /** Adds the value hashed as (a, b); false when it was already there. */
  add(a: number, b: number): boolean {
    return this.find(a, b, true) < 0;
  }

  /** The number stored with (a, b) by `set`, or -1 when absent. */
  get(a: number, b: number): number {
    const at = this.find(a, b, false);
    return at >= 0 ? this.slots[at + 2]! : -1;
  }

  set(a: number, b: number, value: number): void {
    const at = this.find(a, b, true);
    this.slots[(at < 0 ? -at - 1 : at) + 2] = value;
  }

  /** The offset of (a, b)'s slot when present; when absent, -offset - 1 of the slot it took (if `insert`), else -1. */
  private find(a: number, b: number, insert: boolean): number {
    if (a === 0 && b === 0) b = 1;
    if (insert && this.size * 2 >= this.mask + 1) this.grow();
    const { slots, mask } = this;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * 3;
      const sa = slots[at]!;
      const sb = slots[at + 1]!;
      if (sa === a && sb === b) return at;
      if (sa === 0 && sb === 0) {
        if (!insert) return -1;
        slots[at] = a;
        slots[at + 1] = b;
        this.size++;
        return -at - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 4);
    this.mask = this.slots.length / 3 - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] !== 0 || old[at + 1] !== 0) this.set(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}

/** Two independent 32-bit hashes of `bytes[start..end)`, written into `out[at]` and `out[at + 1]`. */
export function hashBytes(bytes: Uint8Array, start: number, end: number, out: Int32Array, at: number): void {
  let a = 0x811c9dc5;
  let b = 0x2545f491 ^ (end - start);
  let i = start;
  // Four bytes a step: a cell of a few bytes costs one or two rounds instead of one per byte.
  for (; i + 3 < end; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ word, 0x5bd1e995);
    b ^= b >>> 15;
  }
  if (i < end) {
    let tail = 0;
    for (let shift = 0; i < end; i++, shift += 8) tail |= bytes[i]! << shift;
    a = Math.imul(a ^ tail, 0x01000193);
    b = Math.imul(b ^ tail, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[at] = finalMix(a);
  out[at + 1] = finalMix(b ^ 0x27d4eb2f);
}

/**
 * Two 32-bit hashes of one row's cells over some columns (`starts[k][row]..ends[k][row]` of `bytes`,
 * or `texts[-start - 1]` for a decoded cell) and a `seed` (a value standing for more cells), each
 * cell closed by its position and length so ("ab","c") and ("a","bc") differ. One pass over the
 * bytes. `both` false: only the first hash (half the work) when 32 bits are enough.
 */
export function hashRow(
  bytes: Uint8Array,
  texts: readonly string[],
  starts: readonly Int32Array[],
  ends: readonly Int32Array[],
  row: number,
  seed: number,
  out: Int32Array,
  at: number,
  both = true,
): void {
  let a = Math.imul(0x811c9dc5 ^ seed, 0x01000193);
  let b = Math.imul(0x2545f491 ^ seed, 0x5bd1e995);
  for (let k = 0; k < starts.length; k++) {
    let source = bytes;
    let start = starts[k]![row]!;
    let end = ends[k]![row]!;
    if (start < 0) {
      source = Buffer.from(texts[-start - 1]!, 'utf8');
      [start, end] = [0, source.length];
    }
    let i = start;
    for (; i + 3 < end; i += 4) {
      const word = source[i]! | (source[i + 1]! << 8) | (source[i + 2]! << 16) | (source[i + 3]! << 24);
      a = Math.imul(a ^ word, 0x01000193);
      if (both) b = Math.imul(b ^ word, 0x5bd1e995) ^ (b >>> 15);
    }
    if (i < end) {
      let tail = 0;
      for (let shift = 0; i < end; i++, shift += 8) tail |= source[i]! << shift;
      a = Math.imul(a ^ tail, 0x01000193);
      if (both) b = Math.imul(b ^ tail, 0x5bd1e995) ^ (b >>> 15);
    }
    a = Math.imul(a ^ (0x100 + k), 0x01000193);
    if (both) b = Math.imul(b ^ (end - start), 0x5bd1e995) ^ (b >>> 15);
  }
  out[at] = finalMix(a);
  out[at + 1] = both ? finalMix(b ^ 0x27d4eb2f) : 0;
}

export function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
