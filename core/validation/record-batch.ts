/**
 * A slice of a file's data rows, column by column, as spans of the bytes they were read from: a
 * cell is `bytes[starts[c][r]..ends[c][r])`. A negative start `-k-1` points at `texts[k]` instead
 * (the rare cell written with `""` escapes, decoded once). A row with fewer fields than the header
 * has empty spans for the rest.
 */
export interface RecordBatch {
  /** Index of the batch's first row in the file (0-based data rows, header excluded). */
  offset: number;
  rowCount: number;
  bytes: Buffer;
  starts: Int32Array[];
  ends: Int32Array[];
  texts: string[];
  /** Rows (local indices) whose field count differs from the header's, and their counts. */
  raggedRows: number[];
  raggedCounts: number[];
  /** Rows (local indices) with text after a closing quote. */
  malformedRows: number[];
}

/**
 * Calls `unexpected` for each row where `flags` holds `value` and the cell is not missing. Found with
 * the typed array's native indexOf: most rows are good, so the loop visits only the bad ones.
 */
export function reportWhere(
  flags: Uint8Array,
  value: 0 | 1,
  missing: Uint8Array | undefined,
  unexpected: (row: number) => void,
): void {
  for (let row = flags.indexOf(value); row >= 0; row = flags.indexOf(value, row + 1)) {
    if (missing?.[row] !== 1) unexpected(row);
  }
}
