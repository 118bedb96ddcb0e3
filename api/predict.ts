import crypto from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import type pg from 'pg';
import { type DatasetSpec, rowValidator } from '../core/feature-spec';
import type { ActiveModel } from './active-model';
import { ApiError } from './errors';
import { replayStoredRequest } from './idempotency';
import { holdsNulEscape } from './json-nul';
import { predictRequestSchema } from './predict-schemas';
import { renderPredictAnswer } from './predict-response';
import type { PredictionWriter } from './prediction-writer';
import { requestIdOf } from './request-id';

/** 100,000 rows of about 110 bytes of JSON each, with room to spare. */
export const PREDICT_BODY_LIMIT = '32mb';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface PredictDeps {
  spec: DatasetSpec;
  pool: pg.Pool;
  model: ActiveModel;
  writer: PredictionWriter;
  /** Largest accepted body (default PREDICT_BODY_LIMIT). */
  bodyLimit?: string | number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** JSON already rendered, sent as is: res.send would also hash it for an ETag no client of POST uses. */
function sendJson(res: Response, status: number, body: string): void {
  res.status(status).setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function predictRouter(deps: PredictDeps): Router {
  const router = Router();
  const validate = rowValidator(deps.spec);
  // The body's hash is taken only when an Idempotency-Key comes with it (the retried batch is compared by it).
  const bodyHashes = new WeakMap<Request, string>();
  const withNul = new WeakSet<Request>();
  const json = express.json({
    limit: deps.bodyLimit ?? PREDICT_BODY_LIMIT,
    verify: (req, _res, buffer) => {
      if (holdsNulEscape(buffer)) withNul.add(req as Request);
      if (req.headers['idempotency-key']) {
        bodyHashes.set(req as Request, crypto.createHash('sha256').update(buffer).digest('hex'));
      }
    },
  });

  router.post('/predict', json, async (req, res) => {
    const started = performance.now();
    const parsed = predictRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new ApiError(
        400,
        'invalid_request',
        'the request body does not match PredictRequest',
        parsed.error.issues,
      );
    }
    if (withNul.has(req)) {
      throw new ApiError(
        400,
        'nul_character',
        'a string in the body holds the NUL character (\\u0000), which cannot be stored',
      );
    }
    const { source, rows, fileName } = parsed.data;
    const key = req.get('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must be 1 to 255 printable ASCII characters',
      );
    }
    const requestHash = key ? (bodyHashes.get(req) ?? null) : null;
    if (key) {
      const replay = await replayStoredRequest(deps.pool, key, requestHash, rows, validate);
      if (replay) return sendJson(res, replay.status, replay.body);
    }

    // Taken once: a model promoted while this request runs does not change its answer or what it stores.
    const model = deps.model.current;
    if (!model)
      throw new ApiError(
        503,
        'no_active_model',
        deps.model.lastError ?? 'no model is active yet; train one with `contrail train --promote`',
      );

    const { valid, errors } = validate(rows);
    const validRows = valid.map((i) => rows[i] as Record<string, unknown>);
    const raw = model.predictor.predictRows(validRows);
    const predictions = raw.map(round);
    const validJson = validRows.map((row) => JSON.stringify(row));
    const requestId = requestIdOf(res);
    const { stored } = await deps.writer.write({
      requestId,
      idempotencyKey: key ?? null,
      requestHash,
      source,
      modelVersion: model.id,
      rowCount: rows.length,
      invalidCount: errors.length,
      fileName: fileName ?? null,
      durationMs: performance.now() - started,
      rowIndexes: valid,
      featuresJson: validJson,
      predictions,
    });
    if (!stored && key) {
      // A concurrent request with the same key won the race; answer with what it stored.
      const replay = await replayStoredRequest(deps.pool, key, requestHash, rows, validate);
      if (replay) return sendJson(res, replay.status, replay.body);
    }
    const answer = renderPredictAnswer({
      ...{ requestId, modelVersion: model.id, source, replayed: false, rows },
      ...{ validIndexes: valid, validJson, predictions, errors },
    });
    sendJson(res, answer.status, answer.body);
  });
  return router;
}
