/**
 * A map from non-negative int keys to ints, in open addressing over two Int32Arrays. For keys a
 * loop looks up once per cell (a short value's bytes packed in an int): a JavaScript Map costs a
 * hash-table walk through boxed entries on every lookup, this one probe or two in a few cache lines.
 */
export class IntMap {
  /** key + 1 in each slot; 0 marks an empty one. */
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 256) {
    this.keys = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value stored with `key`, or -1 when there is none. */
  get(key: number): number {
    const stored = key + 1;
    for (let slot = spread(key); ; slot++) {
      const at = slot & this.mask;
      const found = this.keys[at]!;
      if (found === stored) return this.values[at]!;
      if (found === 0) return -1;
    }
  }

  set(key: number, value: number): void {
    // At most a quarter full: a lookup nearly always ends at its first slot, and a second probe is
    // a branch the CPU mispredicts on values in no order.
    if ((this.size + 1) * 4 > this.keys.length) this.grow();
    const stored = key + 1;
    for (let slot = spread(key); ; slot++) {
      const at = slot & this.mask;
      const found = this.keys[at]!;
      if (found === 0) this.size++;
      if (found === 0 || found === stored) {
        this.keys[at] = stored;
        this.values[at] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let at = 0; at < keys.length; at++) if (keys[at] !== 0) this.set(keys[at]! - 1, values[at]!);
  }
}

/** Mixes the key's high bits into its low ones, which pick the slot: packed bytes differ mostly high up. */
function spread(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}
