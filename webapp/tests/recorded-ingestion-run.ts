import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { reportIdOf } from '../../activities/ingestion-files';
import { reportLinkOf } from '../../core/alerts';
import { activeSpec } from '../../core/feature-spec';
import { dataPaths } from '../../core/paths';
import { renderDataDocs } from '../../core/reports/data-docs';
import { compileSuite, defaultSuite, validateFile } from '../../core/validation';
import type { RunningSystem } from '../../tests/support/running-system';
import { flightsCsv } from './flights-csv';

export const SPLIT_ERROR = 'ENOSPC: no space left on device, write (good-data/flights-0405.csv)';

/**
 * An ingestion run that failed at its last task, recorded in the system's database as the DAG
 * runtime records runs, with the real data-quality report of its file in the reports folder. A real
 * task failure costs minutes of retries (and a full disk): the run page is what this exercises,
 * reading it through the real API. A real ingestion run is tested beside it.
 */
export async function recordFailedIngestionRun(system: RunningSystem): Promise<string> {
  const runId = `ingestion-manual-${new Date().toISOString()}`;
  const fileName = 'flights-0405.csv';
  const reportId = reportIdOf(fileName, runId);
  const reports = dataPaths(system.dataDir).reports;
  fs.mkdirSync(reports, { recursive: true });
  const csv = path.join(reports, `${reportId}.source.csv`);
  fs.writeFileSync(csv, flightsCsv(1000));
  const { result } = await validateFile(csv, compileSuite(defaultSuite(activeSpec)), { fileName, runId });
  fs.rmSync(csv);
  const reportUrl = reportLinkOf(system.urls.webapp, reportId);
  fs.writeFileSync(
    path.join(reports, `${reportId}.html`),
    renderDataDocs(result, { json: `${reportId}.json` }),
  );

  const t0 = Date.now() - 60_000;
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const tasks = [
    ['read-data', 'success', 0, 2, null, { fileName }],
    ['validate-data', 'success', 2, 9, null, { reportId, badRows: 5 }],
    ['save-statistics', 'success', 9, 10, null, { saved: true }],
    ['send-alerts', 'success', 9, 12, null, { reportUrl, notified: false, deliveries: [] }],
    ['split-and-save-data', 'failed', 9, 30, SPLIT_ERROR, null],
  ] as const;
  const db = new pg.Pool({ connectionString: system.databaseUrl, max: 1 });
  try {
    await db.query(
      `INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state, temporal_run_id, started_at, ended_at, error)
       VALUES ($1, 'ingestion', $2, 'manual', 'failed', NULL, $2, $3, $4)`,
      [runId, at(0), at(30), `task split-and-save-data failed: ${SPLIT_ERROR}`],
    );
    for (const [taskId, state, from, to, error, output] of tasks) {
      await db.query(
        `INSERT INTO task_instances (run_id, task_id, state, try_number, started_at, ended_at, duration_ms, error, output)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          runId,
          taskId,
          state,
          state === 'failed' ? 3 : 1,
          at(from),
          at(to),
          (to - from) * 1000,
          error,
          output,
        ],
      );
    }
  } finally {
    await db.end();
  }
  return runId;
}
