import type pg from 'pg';
import { z } from 'zod';
import { type MonitoringWindow, num, numOrNull, windowJson, windowSchema } from './monitoring-window';

const status = z.enum(['green', 'orange', 'red']);
const method = z.enum(['ks', 'wasserstein', 'chisquare', 'jensenshannon']);

const runSchema = z
  .object({
    runId: z.string(),
    modelId: z.string(),
    computedAt: z.iso.datetime(),
    windowFrom: z.iso.datetime().describe('the serving predictions compared: made in [windowFrom, windowTo)'),
    windowTo: z.iso.datetime(),
    rows: z.number().int(),
    features: z.number().int(),
    driftedFeatures: z.number().int(),
    driftShare: z.number().describe('drifted features / features'),
    datasetDrifted: z.boolean().describe('driftShare >= 0.5'),
    prediction: z
      .object({ method, score: z.number(), threshold: z.number(), drifted: z.boolean() })
      .nullable(),
    status: status.describe('red: the data set or the prediction drifted; orange: some feature drifted'),
  })
  .meta({ id: 'DriftRun' });

const measureSchema = z
  .object({
    runId: z.string(),
    computedAt: z.iso.datetime(),
    feature: z.string().describe('a model feature, or prediction'),
    target: z.enum(['feature', 'prediction']),
    kind: z.enum(['numeric', 'categorical']),
    method,
    score: z
      .number()
      .describe('a p-value for ks and chisquare (drift below threshold), a distance otherwise (above)'),
    threshold: z.number(),
    drifted: z.boolean(),
    psi: z.number(),
    status: status.describe('red: drifted; orange: not drifted but PSI >= 0.1; green otherwise'),
  })
  .meta({ id: 'DriftMeasure' });

export const driftResponseSchema = z
  .object({
    window: windowSchema,
    latest: runSchema.nullable().describe('the newest drift computation of the window'),
    runs: z.array(runSchema).describe('drift computations of the window, newest first, at most 500'),
    features: z.array(measureSchema).describe("the latest computation's measures"),
    featureSeries: z.array(measureSchema).describe('every measure of the window, oldest first, at most 5000'),
  })
  .meta({ id: 'MonitoringDrift' });

export type DriftResponse = z.infer<typeof driftResponseSchema>;
type Row = Record<string, unknown>;
const iso = (v: unknown) => (v as Date).toISOString();

const runOf = (r: Row): DriftResponse['runs'][number] => ({
  runId: String(r.run_id),
  modelId: String(r.model_id),
  computedAt: iso(r.computed_at),
  windowFrom: iso(r.window_from),
  windowTo: iso(r.window_to),
  rows: num(r.row_count),
  features: num(r.features),
  driftedFeatures: num(r.drifted_features),
  driftShare: num(r.drift_share),
  datasetDrifted: r.dataset_drifted === true,
  prediction:
    r.prediction_method === null
      ? null
      : {
          method: r.prediction_method as z.infer<typeof method>,
          score: num(r.prediction_score),
          threshold: num(r.prediction_threshold),
          drifted: r.prediction_drifted === true,
        },
  status: r.status as z.infer<typeof status>,
});

const measureOf = (r: Row): DriftResponse['features'][number] => ({
  runId: String(r.run_id),
  computedAt: iso(r.computed_at),
  feature: String(r.feature),
  target: r.target as 'feature' | 'prediction',
  kind: r.kind as 'numeric' | 'categorical',
  method: r.method as z.infer<typeof method>,
  score: numOrNull(r.score) ?? NaN,
  threshold: num(r.threshold),
  drifted: r.drifted === true,
  psi: num(r.psi),
  status: r.status as z.infer<typeof status>,
});

export async function driftOf(pool: pg.Pool, w: MonitoringWindow): Promise<DriftResponse> {
  const args = [w.from, w.to];
  const [runs, series] = await Promise.all([
    pool.query<Row>(
      `SELECT * FROM monitoring_drift_runs WHERE computed_at >= $1 AND computed_at < $2
       ORDER BY computed_at DESC, run_id LIMIT 500`,
      args,
    ),
    pool.query<Row>(
      `SELECT * FROM monitoring_drift_features WHERE computed_at >= $1 AND computed_at < $2
       ORDER BY computed_at, run_id, target, feature LIMIT 5000`,
      args,
    ),
  ]);
  const latest = runs.rows[0] ? runOf(runs.rows[0]) : null;
  const features = latest
    ? await pool.query<Row>(
        'SELECT * FROM monitoring_drift_features WHERE run_id = $1 ORDER BY target, feature',
        [latest.runId],
      )
    : { rows: [] };
  return {
    window: windowJson(w),
    latest,
    runs: runs.rows.map(runOf),
    features: features.rows.map(measureOf),
    featureSeries: series.rows.map(measureOf),
  };
}
