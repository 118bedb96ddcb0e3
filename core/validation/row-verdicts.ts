/**
 * Which expectations each row broke: one bit per expectation (by its index in the suite), packed
 * in 32-bit words, for every data row of the file. The split reads it to route rows and to write
 * each bad row's reasons; tests read it to check detection row by row. 4 bytes a row for suites of
 * up to 32 expectations, whatever the file's size, instead of per-expectation lists of indices.
 */
export class RowVerdicts {
  readonly wordsPerRow: number;
  private words: Uint32Array;
  rows = 0;

  constructor(expectationCount: number, data?: Uint32Array, rows?: number) {
    this.wordsPerRow = Math.max(1, Math.ceil(expectationCount / 32));
    this.words = data ?? new Uint32Array(this.wordsPerRow * 4096);
    this.rows = rows ?? 0;
  }

  /** Makes room for rows up to `rows` (all good until marked). */
  extend(rows: number): void {
    const needed = rows * this.wordsPerRow;
    if (needed > this.words.length) {
      let size = this.words.length;
      while (size < needed) size *= 2;
      const grown = new Uint32Array(size);
      grown.set(this.words.subarray(0, this.rows * this.wordsPerRow));
      this.words = grown;
    }
    this.rows = Math.max(this.rows, rows);
  }

  mark(row: number, expectation: number): void {
    this.words[row * this.wordsPerRow + (expectation >>> 5)]! |= 1 << (expectation & 31);
  }

  has(row: number, expectation: number): boolean {
    return (this.words[row * this.wordsPerRow + (expectation >>> 5)]! & (1 << (expectation & 31))) !== 0;
  }

  isBad(row: number): boolean {
    const base = row * this.wordsPerRow;
    for (let w = 0; w < this.wordsPerRow; w++) if (this.words[base + w] !== 0) return true;
    return false;
  }

  /** A key for the set of expectations the row broke (0 when good), to reuse a reason text per combination. */
  key(row: number): string | number {
    if (this.wordsPerRow === 1) return this.words[row]!;
    return Array.from(this.words.subarray(row * this.wordsPerRow, (row + 1) * this.wordsPerRow)).join(':');
  }

  expectationsOf(row: number): number[] {
    const found: number[] = [];
    for (let w = 0; w < this.wordsPerRow; w++) {
      let word = this.words[row * this.wordsPerRow + w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        found.push(w * 32 + bit);
        word &= word - 1;
      }
    }
    return found;
  }

  badRowCount(): number {
    let count = 0;
    // One word a row (suites of up to 32 expectations): a bad row is a non-zero word.
    if (this.wordsPerRow === 1) {
      const words = this.words;
      for (let row = 0; row < this.rows; row++) if (words[row] !== 0) count++;
      return count;
    }
    for (let row = 0; row < this.rows; row++) if (this.isBad(row)) count++;
    return count;
  }

  /** The bytes to store (little-endian words, rows × wordsPerRow). */
  toBuffer(): Buffer {
    const used = this.words.subarray(0, this.rows * this.wordsPerRow);
    return Buffer.from(used.buffer, used.byteOffset, used.byteLength);
  }

  static fromBuffer(bytes: Buffer, expectationCount: number, rows: number): RowVerdicts {
    const copy = new Uint32Array(rows * Math.max(1, Math.ceil(expectationCount / 32)));
    new Uint8Array(copy.buffer).set(bytes.subarray(0, copy.byteLength));
    return new RowVerdicts(expectationCount, copy, rows);
  }
}
