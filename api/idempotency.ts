import type pg from 'pg';
import { errorBody } from './errors';
import { renderPredictAnswer } from './predict-response';
import type { RowValidation } from '../core/feature-spec';

interface StoredRequest {
  id: string;
  requestHash: string | null;
  source: string;
  modelVersion: string;
  createdAt: Date;
}

/**
 * The answer to a retried POST /predict: when a request with this Idempotency-Key is stored,
 * the same rows come back with the predictions stored then (even if another model is active now)
 * and nothing is stored again. A key reused with a different body is refused. Undefined when the
 * key is new.
 */
export async function replayStoredRequest(
  pool: pg.Pool,
  key: string,
  requestHash: string | null,
  rows: readonly unknown[],
  validate: (rows: readonly unknown[]) => RowValidation,
): Promise<{ status: number; body: string } | undefined> {
  const { rows: found } = await pool.query<StoredRequest>(
    `SELECT id, request_hash AS "requestHash", source, model_version AS "modelVersion", created_at AS "createdAt"
     FROM prediction_requests WHERE idempotency_key = $1`,
    [key],
  );
  const stored = found[0];
  if (!stored) return undefined;
  if (stored.requestHash !== requestHash) {
    const message = `Idempotency-Key ${JSON.stringify(key)} was already used for a different request body`;
    return {
      status: 422,
      body: JSON.stringify(errorBody('idempotency_key_reused', message, { requestId: stored.id })),
    };
  }
  // The rows were stored in the request's transaction, so they carry its created_at: the primary
  // key (created_at, id) finds them; predictions has no index on request_id.
  const { rows: predicted } = await pool.query<{ rowIndex: number; prediction: number }>(
    `SELECT row_index AS "rowIndex", predicted_delay AS prediction FROM predictions
     WHERE created_at = $2 AND request_id = $1`,
    [stored.id, stored.createdAt],
  );
  const byIndex = new Map(predicted.map((p) => [p.rowIndex, p.prediction]));
  const { valid, errors } = validate(rows);
  return renderPredictAnswer({
    ...{
      requestId: stored.id,
      modelVersion: stored.modelVersion,
      source: stored.source,
      replayed: true,
      rows,
    },
    validIndexes: valid,
    validJson: valid.map((i) => JSON.stringify(rows[i])),
    predictions: valid.map((i) => byIndex.get(i) ?? NaN),
    errors,
  });
}
