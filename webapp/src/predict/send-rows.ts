import { ApiProblem, postJson } from '../api/client';
import type { PredictResponse, RowIssue } from '../api/types';
import { type ResultRow, toResultRow } from './results';

/** Rows per request: big enough to be efficient, small enough to show progress on 100,000 rows. */
export const BATCH_SIZE = 10_000;

export interface SendProgress {
  sentRows: number;
  totalRows: number;
}

export interface SendState {
  /** Stable for one upload, so a retried batch reuses its Idempotency-Key and is never stored twice. */
  uploadId: string;
  results: ResultRow[];
  modelVersions: string[];
  /** Batches already answered: a retry resumes after them. */
  batchesDone: number;
}

/** Random hex: crypto.randomUUID exists only on https or localhost, getRandomValues everywhere. */
const randomId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export const newSendState = (): SendState => ({
  uploadId: randomId(),
  results: [],
  modelVersions: [],
  batchesDone: 0,
});

/** A batch the API refused as a whole because none of its rows is valid (422 invalid_rows). */
function rejectedBatch(
  problem: ApiProblem,
  batch: readonly unknown[],
  offset: number,
): ResultRow[] | undefined {
  if (problem.status !== 422 || problem.code !== 'invalid_rows') return undefined;
  const rows = (problem.details as { rows?: { index: number; issues: RowIssue[] }[] } | undefined)?.rows;
  if (!Array.isArray(rows)) return undefined;
  return rows.map((r) => ({
    index: r.index + offset,
    features: (batch[r.index] ?? {}) as Record<string, unknown>,
    prediction: null,
    issues: r.issues,
  }));
}

/**
 * Sends the rows as JSON to POST /predict (source webapp) in batches, in order, and gathers every
 * row's answer. Resumes from `state` (after a failure, the person presses retry); throws the
 * failing batch's ApiProblem, leaving `state` as far as it got.
 */
export async function sendRows(
  rows: readonly Record<string, unknown>[],
  state: SendState,
  onProgress: (progress: SendProgress) => void,
  signal: AbortSignal,
): Promise<SendState> {
  const batches = Math.ceil(rows.length / BATCH_SIZE);
  for (let b = state.batchesDone; b < batches; b++) {
    const offset = b * BATCH_SIZE;
    const batch = rows.slice(offset, offset + BATCH_SIZE);
    onProgress({ sentRows: offset, totalRows: rows.length });
    try {
      const answer = await postJson<PredictResponse>(
        '/predict',
        { source: 'webapp', rows: batch },
        { signal, headers: { 'Idempotency-Key': `webapp-${state.uploadId}-${b}` } },
      );
      state.results.push(...answer.rows.map((row) => toResultRow(row, offset)));
      if (!state.modelVersions.includes(answer.modelVersion)) state.modelVersions.push(answer.modelVersion);
    } catch (error) {
      const refused = error instanceof ApiProblem ? rejectedBatch(error, batch, offset) : undefined;
      if (!refused) throw error;
      state.results.push(...refused);
    }
    state.batchesDone = b + 1;
  }
  onProgress({ sentRows: rows.length, totalRows: rows.length });
  return state;
}
