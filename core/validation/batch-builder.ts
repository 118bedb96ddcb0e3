import { decodeField, type FieldSpans } from '../csv/scan-records';
import type { RecordBatch } from './record-batch';

/**
 * Builds a column-wise batch from the records of one region of a file: for each cell, where it
 * lies in the region's bytes (no string is made, except for the rare field written with `""`).
 */
export class BatchBuilder {
  private batch: RecordBatch;
  private capacity: number;

  constructor(
    private readonly width: number,
    offset: number,
    bytes: Buffer,
  ) {
    // About 30 bytes a row for typical files; grown on demand for narrow ones.
    this.capacity = Math.max(1024, Math.ceil(bytes.length / 30));
    this.batch = {
      offset,
      rowCount: 0,
      bytes,
      starts: Array.from({ length: width }, () => new Int32Array(this.capacity)),
      ends: Array.from({ length: width }, () => new Int32Array(this.capacity)),
      texts: [],
      raggedRows: [],
      raggedCounts: [],
      malformedRows: [],
    };
  }

  /** Starts the next region's batch in the same arrays (the previous batch must be done with). */
  reset(offset: number, bytes: Buffer): void {
    const { starts, ends } = this.batch;
    this.batch = {
      offset,
      rowCount: 0,
      bytes,
      starts,
      ends,
      texts: [],
      raggedRows: [],
      raggedCounts: [],
      malformedRows: [],
    };
  }

  add(fields: FieldSpans, count: number, malformed: boolean): void {
    const batch = this.batch;
    const row = batch.rowCount++;
    if (row === this.capacity) this.grow();
    const { starts, ends } = batch;
    for (let k = 0; k < this.width; k++) {
      if (k >= count) {
        starts[k]![row] = 0;
        ends[k]![row] = 0;
      } else if (fields.raw[k] === 0) {
        starts[k]![row] = fields.starts[k]!;
        ends[k]![row] = fields.ends[k]!;
      } else {
        batch.texts.push(decodeField(batch.bytes, fields.starts[k]!, fields.ends[k]!));
        starts[k]![row] = -batch.texts.length;
        ends[k]![row] = 0;
      }
    }
    if (count !== this.width) {
      batch.raggedRows.push(row);
      batch.raggedCounts.push(count);
    }
    if (malformed) batch.malformedRows.push(row);
  }

  build(): RecordBatch {
    const { batch } = this;
    return {
      ...batch,
      starts: batch.starts.map((s) => s.subarray(0, batch.rowCount)),
      ends: batch.ends.map((e) => e.subarray(0, batch.rowCount)),
    };
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = (old: Int32Array) => {
      const grown = new Int32Array(this.capacity);
      grown.set(old);
      return grown;
    };
    this.batch.starts = this.batch.starts.map(widen);
    this.batch.ends = this.batch.ends.map(widen);
  }
}

/**
 * A batch from rows already split into cells (rows from an API request, a parsed table): the cells
 * are laid out column by column, as a columnar table keeps them, so each check streams through one
 * column's bytes instead of striding across every row's.
 */
export function batchFromColumns(columns: readonly (readonly string[])[], offset = 0): RecordBatch {
  const rowCount = columns[0]?.length ?? 0;
  const encoded = columns.map((column) => column.map((cell) => Buffer.from(cell, 'utf8')));
  const total = encoded.reduce((sum, column) => sum + column.reduce((s, b) => s + b.length, 0), 0);
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  const starts = encoded.map(() => new Int32Array(rowCount));
  const ends = encoded.map(() => new Int32Array(rowCount));
  encoded.forEach((column, k) => {
    for (let row = 0; row < rowCount; row++) {
      starts[k]![row] = at;
      at += column[row]!.copy(bytes, at);
      ends[k]![row] = at;
    }
  });
  return {
    offset,
    rowCount,
    bytes,
    starts,
    ends,
    texts: [],
    raggedRows: [],
    raggedCounts: [],
    malformedRows: [],
  };
}
