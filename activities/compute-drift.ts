import type pg from 'pg';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { type DatasetDrift, datasetDrift } from '../core/drift';
import { activeSpec } from '../core/feature-spec';
import { activeModel, FeatureEncoder, loadRegisteredModel } from '../core/model';
import { dataPaths } from '../core/paths';
import { activityDeps } from './deps';

/** Fewer new predictions than this wait for the next run: a test on a handful of rows says nothing. */
export const MIN_DRIFT_ROWS = 30;
/** A window takes at most this many predictions (the newest), and looks back at most a day. */
export const MAX_DRIFT_ROWS = 1_000_000;
const FIRST_LOOK_BACK_MS = 24 * 60 * 60_000;

export type ComputeDriftOutput =
  | { computed: false; reason: string }
  | {
      computed: true;
      modelId: string;
      windowFrom: string;
      windowTo: string;
      rows: number;
      driftShare: number;
      datasetDrifted: boolean;
      predictionDrifted: boolean | null;
    };

/** The active model's predictions since its last drift window, as the spec's columns (text) and outputs. */
async function newPredictions(pool: pg.Pool, modelId: string, to: Date) {
  const last = await pool.query<{ to: Date | null }>(
    'SELECT max(window_to) AS to FROM drift_results WHERE model_id = $1',
    [modelId],
  );
  const from = last.rows[0]?.to ?? new Date(to.getTime() - FIRST_LOOK_BACK_MS);
  const header = activeSpec.features.map((f) => f.name);
  const { rows } = await pool.query<string[]>({
    text: `SELECT ${header.map((_, i) => `features->>$${i + 4}`).join(', ')}, predicted_delay::text
           FROM predictions WHERE model_version = $1 AND created_at >= $2 AND created_at < $3
           ORDER BY created_at DESC LIMIT ${MAX_DRIFT_ROWS}`,
    values: [modelId, from, to, ...header],
    rowMode: 'array',
  });
  return { from, header, rows };
}

async function saveDrift(
  pool: pg.Pool,
  runId: string,
  modelId: string,
  from: Date,
  to: Date,
  drift: DatasetDrift,
) {
  const m = drift.measures;
  // Keyed on the run and the feature: a retried task rewrites its own rows.
  await pool.query(
    `INSERT INTO drift_results (run_id, model_id, window_from, window_to, row_count, feature, target, kind,
       method, score, threshold, drifted, psi)
     SELECT $1, $2, $3, $4, * FROM unnest($5::int[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::float8[], $11::float8[], $12::bool[], $13::float8[])
     ON CONFLICT (run_id, feature) DO UPDATE SET score = EXCLUDED.score, drifted = EXCLUDED.drifted,
       psi = EXCLUDED.psi, row_count = EXCLUDED.row_count, method = EXCLUDED.method,
       threshold = EXCLUDED.threshold, computed_at = now()`,
    [
      runId,
      modelId,
      from,
      to,
      m.map((x) => x.rows),
      m.map((x) => x.feature),
      m.map((x) => x.target),
      m.map((x) => x.kind),
      m.map((x) => x.method),
      m.map((x) => x.score),
      m.map((x) => x.threshold),
      m.map((x) => x.drifted),
      m.map((x) => x.psi),
    ],
  );
}

/**
 * Task `compute-drift`: the active model's predictions made since its last drift window (at most
 * a day back, the newest million), their features and outputs against the training profile stored
 * with the model. Prediction drift compares with the model's own predictions on its training rows.
 * Nothing to compare (no model, too few new predictions) is an output, not a skip: a skip would
 * skip the alert rules below it, which must run every time.
 */
export async function computeDrift(context: TaskContext): Promise<TaskResult<ComputeDriftOutput>> {
  const { config, db } = activityDeps();
  const registered = await activeModel(db.pool);
  if (!registered) return { output: { computed: false, reason: 'no active model' } };
  const to = new Date(Math.min(Date.now(), Date.parse(context.intervalEnd)));
  const { from, header, rows } = await newPredictions(db.pool, registered.id, to);
  if (rows.length < MIN_DRIFT_ROWS)
    return {
      output: { computed: false, reason: `${rows.length} new predictions (fewer than ${MIN_DRIFT_ROWS})` },
    };

  const { artifact } = loadRegisteredModel(activeSpec, registered, dataPaths(config.dataDir).models);
  const features = new FeatureEncoder(activeSpec, artifact.features).encodeCells(rows, [
    ...header,
    'prediction',
  ]);
  const predictions = Float64Array.from(rows, (r) => Number(r[header.length]));
  const drift = datasetDrift(artifact.profile, artifact.features, features, predictions);
  await saveDrift(db.pool, context.runId, registered.id, from, to, drift);
  return {
    output: {
      computed: true,
      modelId: registered.id,
      windowFrom: from.toISOString(),
      windowTo: to.toISOString(),
      rows: rows.length,
      driftShare: drift.driftShare,
      datasetDrifted: drift.datasetDrifted,
      predictionDrifted: drift.predictionDrifted,
    },
  };
}
