import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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

/** `stored: false` when another request already holds the idempotency key: nothing was written. */
export interface WriteResult {
  stored: boolean;
}

interface Pending {
  batch: PredictionBatch;
  resolve: (result: WriteResult) => void;
  reject: (error: Error) => void;
}

export interface WriterOptions {
  /** A flush takes queued requests up to about this many rows. */
  maxFlushRows?: number;
  /** Flushes in flight at once; requests arriving meanwhile wait and go together in the next one. */
  maxConcurrentFlushes?: number;
  /** From this many rows a flush streams them with COPY; below, one INSERT statement is cheaper. */
  copyFromRows?: number;
}

const REQUEST_COLUMNS =
  'id, idempotency_key, request_hash, source, model_version, row_count, valid_count, invalid_count, file_name, duration_ms';
const REQUEST_TYPES =
  'uuid[], text[], text[], prediction_source[], text[], int[], int[], int[], text[], float8[]';
const PREDICTION_COLUMNS =
  'request_id, row_index, source, model_version, features, predicted_delay, file_name';

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

const insertRequests = (firstParam: number) =>
  `INSERT INTO prediction_requests (${REQUEST_COLUMNS})
   SELECT * FROM unnest(${REQUEST_TYPES.split(', ')
     .map((type, i) => `$${firstParam + i}::${type}`)
     .join(', ')})
   ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`;

/**
 * Stores predictions for many concurrent requests in few database round trips. Requests queue
 * while earlier flushes run and then go together: at low load each request is written at once,
 * under load hundreds share one statement. Small flushes are one INSERT ... unnest statement;
 * large ones a transaction with COPY. Each request is all or nothing, and a request whose
 * idempotency key is already stored writes nothing.
 */
export class PredictionWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  /** How many flushes (database round trips of writing) and requests so far: batching at work. */
  readonly stats = { flushes: 0, requests: 0 };
  private idle: (() => void)[] = [];
  private readonly options: Required<WriterOptions>;

  constructor(
    private readonly pool: pg.Pool,
    options: WriterOptions = {},
  ) {
    this.options = { maxFlushRows: 50_000, maxConcurrentFlushes: 2, copyFromRows: 2_000, ...options };
  }

  write(batch: PredictionBatch): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once every queued write has finished. */
  drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.options.maxConcurrentFlushes && this.queue.length > 0) {
      const taken: Pending[] = [];
      let rows = 0;
      while (
        this.queue.length > 0 &&
        (taken.length === 0 || rows + this.queue[0]!.batch.rowIndexes.length <= this.options.maxFlushRows)
      ) {
        const next = this.queue.shift()!;
        rows += next.batch.rowIndexes.length;
        taken.push(next);
      }
      this.inFlight++;
      this.stats.flushes++;
      this.stats.requests += taken.length;
      const flush =
        rows >= this.options.copyFromRows ? this.flushWithCopy(taken) : this.flushWithInsert(taken);
      void flush
        .then((stored) => taken.forEach((p) => p.resolve({ stored: stored.has(p.batch.requestId) })))
        .catch((error: Error) => taken.forEach((p) => p.reject(error)))
        .finally(() => {
          this.inFlight--;
          this.pump();
          if (this.queue.length === 0 && this.inFlight === 0)
            this.idle.splice(0).forEach((resolve) => resolve());
        });
    }
  }

  /** One statement: the requests, then the rows of those whose key was free. */
  private async flushWithInsert(taken: Pending[]): Promise<Set<string>> {
    const batches = taken.map((p) => p.batch);
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
    // Named, so each connection parses and plans it once: the statement is the same for any batch size.
    const { rows: inserted } = await this.pool.query<{ id: string }>({
      name: 'contrail-store-predictions',
      text: `WITH inserted AS (${insertRequests(1)}),
       stored AS (
         INSERT INTO predictions (${PREDICTION_COLUMNS})
         SELECT p.* FROM unnest($11::uuid[], $12::int[], $13::prediction_source[], $14::text[], $15::jsonb[],
           $16::float8[], $17::text[]) AS p(${PREDICTION_COLUMNS})
         WHERE p.request_id IN (SELECT id FROM inserted) RETURNING 1)
       SELECT id FROM inserted`,
      values: [
        ...requestArrays(batches),
        ...[rows.request, rows.index, rows.source, rows.model, more.features, more.prediction, more.file],
      ],
    });
    return new Set(inserted.map((r) => r.id));
  }

  /** A transaction: the requests, then COPY of the rows of those whose key was free. */
  private async flushWithCopy(taken: Pending[]): Promise<Set<string>> {
    const batches = taken.map((p) => p.batch);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>({
        name: 'contrail-store-requests',
        text: insertRequests(1),
        values: requestArrays(batches),
      });
      const stored = new Set(rows.map((r) => r.id));
      const copy = client.query(copyFrom(`COPY predictions (${PREDICTION_COLUMNS}) FROM STDIN`));
      await pipeline(copyLines(batches.filter((b) => stored.has(b.requestId))), copy);
      await client.query('COMMIT');
      return stored;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** The rows as COPY text, in chunks of a few hundred kilobytes. */
async function* copyLines(batches: PredictionBatch[]): AsyncGenerator<string> {
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
