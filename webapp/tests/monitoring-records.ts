import type pg from 'pg';

/**
 * What the ingestion DAG's save-statistics task and the monitoring DAG's drift computation store,
 * written straight into the running system's database with chosen values and times (a file
 * ingested 20 minutes ago, a drift of one feature in four), which real runs could not give in a
 * test's time. The dashboards under test only read these tables, through the API's monitoring SQL.
 */

export interface IngestedFileRecord {
  fileName: string;
  minutesAgo: number;
  rows: number;
  invalid: number;
  criticality: 'none' | 'low' | 'medium' | 'high';
  /** Failed expectations: [type, column, unexpected rows]. */
  failed: [string, string | null, number][];
}

export async function recordIngestedFile(pool: pg.Pool, file: IngestedFileRecord): Promise<void> {
  const runId = `ingestion-scheduled-${file.fileName}`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO ingested_files (run_id, file_name, content_hash, row_count, valid_rows, invalid_rows, criticality,
       parseable, expectations, failed_expectations, report_path, validation_ms, ingested_at)
     VALUES ($1, $2, md5($2), $3, $4, $5, $6, true, 25, $7, $8, 120, now() - $9 * interval '1 minute')
     RETURNING id`,
    [
      runId,
      file.fileName,
      file.rows,
      file.rows - file.invalid,
      file.invalid,
      file.criticality,
      file.failed.length,
      `/reports/${file.fileName.replace(/\.csv$/, '')}--${runId}`,
      file.minutesAgo,
    ],
  );
  for (const [type, column, unexpected] of file.failed) {
    await pool.query(
      `INSERT INTO data_quality_issues (ingested_file_id, expectation_type, "column", success, element_count,
         unexpected_count, unexpected_percent, criticality)
       VALUES ($1, $2, $3, false, $4, $5, $6, $7)`,
      [rows[0]!.id, type, column, file.rows, unexpected, (unexpected / file.rows) * 100, file.criticality],
    );
  }
}

/** One drift computation: distance drifted, the other features not (origin with a moderate PSI), the prediction not. */
export const DRIFT_MEASURES = [
  { feature: 'date', kind: 'numeric', method: 'ks', score: 0.41, threshold: 0.05, drifted: false, psi: 0.02 },
  {
    feature: 'origin',
    kind: 'categorical',
    method: 'chisquare',
    score: 0.2,
    threshold: 0.05,
    drifted: false,
    psi: 0.14,
  },
  {
    feature: 'destination',
    kind: 'categorical',
    method: 'chisquare',
    score: 0.6,
    threshold: 0.05,
    drifted: false,
    psi: 0.01,
  },
  {
    feature: 'distance',
    kind: 'numeric',
    method: 'ks',
    score: 0.001,
    threshold: 0.05,
    drifted: true,
    psi: 0.31,
  },
  {
    feature: 'prediction',
    kind: 'numeric',
    method: 'wasserstein',
    score: 0.04,
    threshold: 0.1,
    drifted: false,
    psi: 0.03,
  },
] as const;

export async function recordDriftRun(pool: pg.Pool, modelId: string, minutesAgo: number): Promise<string> {
  const runId = `monitoring-drift-${minutesAgo}`;
  for (const m of DRIFT_MEASURES) {
    await pool.query(
      `INSERT INTO drift_results (run_id, model_id, window_from, window_to, row_count, feature, target, kind, method,
         score, threshold, drifted, psi, computed_at)
       VALUES ($1, $2, now() - ($3 + 10) * interval '1 minute', now() - $3 * interval '1 minute', 5000, $4, $5, $6, $7,
         $8, $9, $10, $11, now() - $3 * interval '1 minute')`,
      [
        runId,
        modelId,
        minutesAgo,
        m.feature,
        m.feature === 'prediction' ? 'prediction' : 'feature',
        m.kind,
        m.method,
        m.score,
        m.threshold,
        m.drifted,
        m.psi,
      ],
    );
  }
  return runId;
}
