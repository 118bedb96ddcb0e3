import { copyValue } from './copy-text';

/** One POST /predict as stored: its request record and the rows it predicted. */
export interface PredictionBatch {
  requestId: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  source: 'webapp' | 'scheduled';
  modelVersion: string;
  rowCount: number;
  invalidCount: number;
  fileName: string | null;
  durationMs: number;
  /** Per stored row: its index in the request, its features as JSON, its prediction. */
  rowIndexes: number[];
  featuresJson: string[];
  predictions: Float64Array;
}

const REQUEST_COLUMNS =
  'id, idempotency_key, request_hash, source, model_version, row_count, valid_count, invalid_count, file_name, duration_ms';
const REQUEST_TYPES =
  'uuid[], text[], text[], prediction_source[], text[], int[], int[], int[], text[], float8[]';
const PREDICTION_COLUMNS =
  'request_id, row_index, source, model_version, features, predicted_delay, file_name';

/** The request records of a flush, one array per column (for unnest). */
function requestArrays(batches: PredictionBatch[]): unknown[][] {
  return [
    batches.map((b) => b.requestId),
    batches.map((b) => b.idempotencyKey),
    batches.map((b) => b.requestHash),
    batches.map((b) => b.source),
    batches.map((b) => b.modelVersion),
    batches.map((b) => b.rowCount),
    batches.map((b) => b.rowIndexes.length),
    batches.map((b) => b.invalidCount),
    batches.map((b) => b.fileName),
    batches.map((b) => b.durationMs),
  ];
}

const INSERT_REQUESTS = `INSERT INTO prediction_requests (${REQUEST_COLUMNS})
   SELECT * FROM unnest(${REQUEST_TYPES.split(', ')
     .map((type, i) => `$${i + 1}::${type}`)
     .join(', ')})
   ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`;

/**
 * The request records alone (the COPY path stores the rows after it), returning the ids whose
 * idempotency key was free. Named statements are parsed and planned once per connection.
 */
export function insertRequests(batches: PredictionBatch[]) {
  return { name: 'contrail-store-requests', text: INSERT_REQUESTS, values: requestArrays(batches) };
}

/** One statement for a small flush: the requests, then the rows of those whose key was free. */
export function insertRequestsAndRows(batches: PredictionBatch[]) {
  const rows = {
    request: [] as string[],
    index: [] as number[],
    source: [] as string[],
    model: [] as string[],
  };
  const more = { features: [] as string[], prediction: [] as number[], file: [] as (string | null)[] };
  for (const b of batches) {
    b.rowIndexes.forEach((rowIndex, k) => {
      rows.request.push(b.requestId);
      rows.index.push(rowIndex);
      rows.source.push(b.source);
      rows.model.push(b.modelVersion);
      more.features.push(b.featuresJson[k]!);
      more.prediction.push(b.predictions[k]!);
      more.file.push(b.fileName);
    });
  }
  return {
    name: 'contrail-store-predictions',
    text: `WITH inserted AS (${INSERT_REQUESTS}),
       stored AS (
         INSERT INTO predictions (${PREDICTION_COLUMNS})
         SELECT p.* FROM unnest($11::uuid[], $12::int[], $13::prediction_source[], $14::text[], $15::json[],
           $16::float8[], $17::text[]) AS p(${PREDICTION_COLUMNS})
         WHERE p.request_id IN (SELECT id FROM inserted) RETURNING 1)
       SELECT id FROM inserted`,
    values: [
      ...requestArrays(batches),
      ...[rows.request, rows.index, rows.source, rows.model, more.features, more.prediction, more.file],
    ],
  };
}

export const COPY_PREDICTIONS = `COPY predictions (${PREDICTION_COLUMNS}) FROM STDIN`;

/** The rows as COPY text, in chunks of a few hundred kilobytes. */
export async function* copyLines(batches: PredictionBatch[]): AsyncGenerator<string> {
  let chunk = '';
  for (const b of batches) {
    const prefix = `${b.requestId}\t`;
    const suffix = `\t${copyValue(b.source)}\t${copyValue(b.modelVersion)}\t`;
    const file = `\t${copyValue(b.fileName)}\n`;
    for (let k = 0; k < b.rowIndexes.length; k++) {
      chunk += `${prefix}${b.rowIndexes[k]}${suffix}${copyValue(b.featuresJson[k]!)}\t${b.predictions[k]}${file}`;
      if (chunk.length > 256_000) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}
