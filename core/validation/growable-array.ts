/** An Int32Array that grows (doubling, keeping its values) as more room is asked for: per-value state over a whole file. */
export class GrowableInt32Array {
  private data = new Int32Array(1024);

  /**
   * The values, with room for at least `length` of them: valid until the next call grows it. A loop
   * indexes the array itself, with no method call or bounds test per element.
   */
  reserved(length: number): Int32Array {
    if (length <= this.data.length) return this.data;
    let size = this.data.length;
    while (length > size) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.data);
    this.data = grown;
    return grown;
  }
}
