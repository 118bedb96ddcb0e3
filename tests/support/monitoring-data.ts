import crypto from 'node:crypto';
import type pg from 'pg';

/**
 * Hand-countable monitoring data around a moment `at`, for the views, the API and the Grafana
 * queries. What each window must show is written beside each row; the tests assert those figures.
 */
const ago = (at: Date, minutes: number) => new Date(at.getTime() - minutes * 60_000);

interface FileRow {
  minutesAgo: number;
  rows: number;
  valid: number;
  criticality: 'none' | 'low' | 'medium' | 'high';
  issues: [type: string, column: string, unexpected: number, criticality: string][];
}

export const SEEDED_FILES: FileRow[] = [
  // Last 10 minutes: 2 files, 150 rows, 10 invalid (6.7%), last ingestion 3 minutes ago.
  {
    minutesAgo: 8,
    rows: 100,
    valid: 90,
    criticality: 'medium',
    issues: [
      ['expect_column_values_to_be_in_set', 'origin', 6, 'medium'],
      ['expect_column_values_to_not_be_null', 'distance', 4, 'low'],
    ],
  },
  { minutesAgo: 3, rows: 50, valid: 50, criticality: 'none', issues: [] },
  // Last hour adds a file of only invalid rows: 3 files, 350 rows, 210 invalid (60%).
  {
    minutesAgo: 30,
    rows: 200,
    valid: 0,
    criticality: 'high',
    issues: [['expect_column_to_exist', 'origin', 200, 'high']],
  },
  // Last 24 hours adds a clean file: 4 files, 1350 rows, 210 invalid.
  { minutesAgo: 120, rows: 1000, valid: 1000, criticality: 'none', issues: [] },
];

async function insertFiles(pool: pg.Pool, at: Date): Promise<void> {
  for (const [i, f] of SEEDED_FILES.entries()) {
    const inserted = await pool.query<{ id: string }>(
      `INSERT INTO ingested_files (run_id, file_name, content_hash, row_count, valid_rows, invalid_rows,
         criticality, parseable, expectations, failed_expectations, validation_ms, ingested_at)
       VALUES ($1, $2, 'hash', $3, $4, $5, $6, true, 25, $7, 12.5, $8) RETURNING id`,
      [
        `ingestion-seed-${i}`,
        `flights-${i}.csv`,
        f.rows,
        f.valid,
        f.rows - f.valid,
        f.criticality,
        f.issues.length,
        ago(at, f.minutesAgo),
      ],
    );
    for (const [type, column, unexpected, criticality] of f.issues) {
      await pool.query(
        `INSERT INTO data_quality_issues (ingested_file_id, expectation_type, "column", success,
           element_count, unexpected_count, unexpected_percent, criticality, created_at)
         VALUES ($1, $2, $3, false, $4, $5, $6, $7, $8)`,
        [
          inserted.rows[0]!.id,
          type,
          column,
          f.rows,
          unexpected,
          (100 * unexpected) / f.rows,
          criticality,
          ago(at, f.minutesAgo),
        ],
      );
    }
  }
  // An ingestion run skipped (raw-data empty) and one failed, both in the last 10 minutes.
  await pool.query(
    `INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state)
     VALUES ('ingestion-seed-skipped', 'ingestion', $1, 'scheduled', 'skipped'),
            ('ingestion-seed-failed', 'ingestion', $2, 'scheduled', 'failed')`,
    [ago(at, 5), ago(at, 7)],
  );
}

export async function insertPredictions(
  pool: pg.Pool,
  createdAt: Date,
  source: 'webapp' | 'scheduled',
  values: number[],
  model = 'model-seed',
  features?: Record<string, unknown>[],
): Promise<void> {
  const requestId = crypto.randomUUID();
  await pool.query(
    `INSERT INTO prediction_requests (id, source, model_version, row_count, valid_count, invalid_count,
       duration_ms, created_at) VALUES ($1, $2, $3, $4, $4, 0, 1, $5)`,
    [requestId, source, model, values.length, createdAt],
  );
  await pool.query(
    `INSERT INTO predictions (request_id, row_index, source, model_version, features, predicted_delay, created_at)
     SELECT $1, i - 1, $2, $3, coalesce(($6::jsonb[])[i], jsonb_build_object('distance', 100 + i)), v, $5
     FROM unnest($4::float8[]) WITH ORDINALITY AS t(v, i)`,
    [requestId, source, model, values, createdAt, (features ?? []).map((f) => JSON.stringify(f))],
  );
}

type Measure = [string, string, string, string, number, number, boolean, number];

async function insertDrift(pool: pg.Pool, at: Date): Promise<void> {
  const runs: [runId: string, minutesAgo: number, rows: number, measures: Measure[]][] = [
    // 30 minutes ago, 500 rows (tests, not distances): nothing drifted, green.
    [
      'monitoring-seed-small',
      30,
      500,
      [
        ['origin', 'feature', 'categorical', 'chisquare', 0.2, 0.05, false, 0.02],
        ['distance', 'feature', 'numeric', 'ks', 0.3, 0.05, false, 0.01],
        ['prediction', 'prediction', 'numeric', 'ks', 0.5, 0.05, false, 0.01],
      ],
    ],
    // 4 minutes ago: 2 of 3 features drifted (share 0.67, red), distance orange by PSI.
    [
      'monitoring-seed',
      4,
      5000,
      [
        ['origin', 'feature', 'categorical', 'jensenshannon', 0.2, 0.1, true, 0.4],
        ['distance', 'feature', 'numeric', 'wasserstein', 0.05, 0.1, false, 0.12],
        ['date_hour', 'feature', 'numeric', 'wasserstein', 0.3, 0.1, true, 0.5],
        ['prediction', 'prediction', 'numeric', 'wasserstein', 0.02, 0.1, false, 0.01],
      ],
    ],
  ];
  for (const [runId, minutesAgo, rows, measures] of runs) {
    for (const [feature, target, kind, method, score, threshold, drifted, psi] of measures) {
      await pool.query(
        `INSERT INTO drift_results (run_id, model_id, window_from, window_to, row_count, feature, target,
           kind, method, score, threshold, drifted, psi, computed_at)
         VALUES ($1, 'model-seed', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $3)`,
        [
          runId,
          ago(at, minutesAgo + 16),
          ago(at, minutesAgo),
          rows,
          feature,
          target,
          kind,
          method,
          score,
          threshold,
          drifted,
          psi,
        ],
      );
    }
  }
}

/** Everything above, around `at`. */
export async function seedMonitoringData(pool: pg.Pool, at: Date): Promise<void> {
  await insertFiles(pool, at);
  // Last 10 minutes: scheduled 0..40 (mean 20, median 20, p95 38, 60% late); webapp 5 and a NaN.
  await insertPredictions(pool, ago(at, 5), 'scheduled', [0, 10, 20, 30, 40]);
  await insertPredictions(pool, ago(at, 2), 'webapp', [5, NaN]);
  // The 10 minutes before: scheduled 18 and 22 (mean 20, standard deviation 2).
  await insertPredictions(pool, ago(at, 15), 'scheduled', [18, 22]);
  // 50 minutes ago, a broken model: 12 different inputs, the same output.
  await insertPredictions(pool, ago(at, 50), 'scheduled', Array<number>(12).fill(7));
  await insertDrift(pool, at);
}
