/** Rows per request: big enough to be efficient, small enough to show progress on 100,000 rows. */
export const BATCH_SIZE = 10_000;

/** One POST /predict body, already encoded: built where the rows are (the CSV worker), sent as is. */
export interface Batch {
  body: Uint8Array<ArrayBuffer>;
  rows: number;
}

const encoder = new TextEncoder();

/** A request body from rows already written as JSON: the web app always asks as `webapp`. */
export function batchBody(rowsJson: readonly string[]): Batch {
  return {
    body: encoder.encode(`{"source":"webapp","rows":[${rowsJson.join(',')}]}`),
    rows: rowsJson.length,
  };
}

export function batchesOf(rows: readonly object[]): Batch[] {
  const batches: Batch[] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    batches.push(batchBody(rows.slice(i, i + BATCH_SIZE).map((row) => JSON.stringify(row))));
  }
  return batches;
}
