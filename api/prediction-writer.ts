import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  COPY_PREDICTIONS,
  copyLines,
  insertRequests,
  insertRequestsAndRows,
  type PredictionBatch,
} from './prediction-statements';

export type { PredictionBatch } from './prediction-statements';

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
    const { rows } = await this.pool.query<{ id: string }>(insertRequestsAndRows(taken.map((p) => p.batch)));
    return new Set(rows.map((r) => r.id));
  }

  /** A transaction: the requests, then COPY of the rows of those whose key was free. */
  private async flushWithCopy(taken: Pending[]): Promise<Set<string>> {
    const batches = taken.map((p) => p.batch);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(insertRequests(batches));
      const stored = new Set(rows.map((r) => r.id));
      const copy = client.query(copyFrom(COPY_PREDICTIONS));
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
