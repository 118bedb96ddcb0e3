/** An Int32Array that grows (doubling) as it is written further out: per-value state over a whole file. */
export class GrowableInt32Array {
  private data = new Int32Array(1024);

  get(at: number): number {
    return at < this.data.length ? this.data[at]! : 0;
  }

  set(at: number, value: number): void {
    if (at >= this.data.length) this.reserve(at + 1);
    this.data[at] = value;
  }

  /** Makes room for `length` values at once, before a loop that would otherwise grow it step by step. */
  reserve(length: number): void {
    if (length <= this.data.length) return;
    let size = this.data.length;
    while (length > size) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.data);
    this.data = grown;
  }
}
