type TypedArray = Uint8Array | Int32Array | Float64Array;
type TypedArrayOf<A> = A extends Uint8Array ? Uint8Array : A extends Int32Array ? Int32Array : Float64Array;
export type ArrayKind = typeof Uint8Array | typeof Int32Array | typeof Float64Array;

/**
 * Column-sized typed arrays reused from batch to batch. A batch's views need some thirty arrays of a
 * million elements; fresh ones each time cost the kernel's page faults and zeroing and the garbage
 * collector's external-memory work, more than some checks themselves. Arrays come back zeroed,
 * unless the caller says it writes every element (`filled`): zeroing a batch's value arrays again
 * is some 45 MB of memory writes for a million rows.
 */
export class ArrayPool {
  private readonly free = new Map<string, ArrayBuffer[]>();
  private readonly lent: { key: string; buffer: ArrayBuffer }[] = [];

  take<K extends ArrayKind>(Kind: K, length: number, filled = false): TypedArrayOf<InstanceType<K>> {
    let capacity = 1024;
    while (capacity < length) capacity *= 2;
    const key = `${Kind.name}:${capacity}`;
    const reused = this.free.get(key)?.pop();
    const buffer = reused ?? new ArrayBuffer(capacity * Kind.BYTES_PER_ELEMENT);
    const array = new Kind(buffer, 0, length) as TypedArray;
    if (reused && !filled) array.fill(0);
    this.lent.push({ key, buffer });
    return array as TypedArrayOf<InstanceType<K>>;
  }

  /** Takes back every array lent since the last call: their batch is done with them. */
  reclaim(): void {
    for (const { key, buffer } of this.lent.splice(0)) {
      const list = this.free.get(key) ?? [];
      list.push(buffer);
      this.free.set(key, list);
    }
  }
}

/**
 * The process's pool. Sharing it between validations is safe because a batch's views live only
 * within one synchronous observe(), which no other validation can interleave with, and it is taken
 * back at the end of it; what stays is about the arrays of one batch (some 30 MB for 8 MB chunks).
 */
export const sharedArrayPool = new ArrayPool();
