/** An Int32Array that grows (doubling) as it is written further out: per-value state over a whole file. */
export class GrowableInt32Array {
  private data = new Int32Array(1024);

  get(at: number): number {
    return at < this.data.length ? this.data[at]! : 0;
  }

  set(at: number, value: number): void {
    if (at >= this.data.length) {
      let size = this.data.length;
      while (at >= size) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[at] = value;
  }
}
