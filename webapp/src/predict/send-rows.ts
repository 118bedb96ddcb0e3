import { apiFetch } from '../api/client';
import type { PredictResponse } from '../api/types';
import type { Batch } from './batch-body';
import { type ResultRow, toResultRow } from './results';

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

/**
 * Sends the batches to POST /predict in order and gathers every row's answer. Resumes from
 * `state` (after a failure, the person presses retry); throws the failing batch's ApiProblem,
 * leaving `state` as far as it got.
 */
export async function sendBatches(
  batches: readonly Batch[],
  state: SendState,
  onProgress: (progress: SendProgress) => void,
  signal: AbortSignal,
): Promise<SendState> {
  const totalRows = batches.reduce((sum, b) => sum + b.rows, 0);
  let offset = batches.slice(0, state.batchesDone).reduce((sum, b) => sum + b.rows, 0);
  for (let b = state.batchesDone; b < batches.length; b++) {
    const batch = batches[b]!;
    onProgress({ sentRows: offset, totalRows });
    const answer = await apiFetch<PredictResponse>('/predict', {
      method: 'POST',
      body: batch.body,
      signal,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `webapp-${state.uploadId}-${b}` },
    });
    for (const row of answer.results) state.results.push(toResultRow(row, offset));
    if (!state.modelVersions.includes(answer.modelVersion)) state.modelVersions.push(answer.modelVersion);
    state.batchesDone = b + 1;
    offset += batch.rows;
  }
  onProgress({ sentRows: totalRows, totalRows });
  return state;
}
