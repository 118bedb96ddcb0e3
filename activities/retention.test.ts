import fs from 'node:fs';
import path from 'node:path';
import { emptyFolders, useIngestionHarness } from '../tests/support/ingestion';
import { DAGS } from '../workflows/dags';
import { pruneBadData } from './prune-bad-data';
import { pruneDagRuns } from './prune-dag-runs';
import { pruneReports } from './prune-reports';

const harness = useIngestionHarness();
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-29T00:00:00.000Z');

/** A file whose modification time is `daysAgo` before the run's logical time. */
function fileAged(dir: string, name: string, daysAgo: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, name);
  const at = new Date(NOW - daysAgo * DAY);
  fs.utimesSync(file, at, at);
  return file;
}

async function runAged(runId: string, state: string, daysAgo: number, ended = true) {
  const at = new Date(NOW - daysAgo * DAY);
  await harness().db.pool.query(
    `INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state, started_at, ended_at)
     VALUES ($1, 'ingestion', $2, 'scheduled', $3, $2, $4)`,
    [runId, at, state, ended ? at : null],
  );
  await harness().db.pool.query(
    `INSERT INTO task_instances (run_id, task_id, state) VALUES ($1, 'read-data', 'success')`,
    [runId],
  );
}

describe('the retention DAG', () => {
  beforeEach(() => emptyFolders(harness().paths));

  it('is scheduled daily with one task per kind of record it prunes', () => {
    const retention = DAGS.find((d) => d.id === 'retention');
    expect(retention?.schedule).toEqual({ every: '1d' });
    expect(retention?.tasks.map((t) => t.activity).sort()).toEqual([
      'pruneBadData',
      'pruneDagRuns',
      'pruneReports',
    ]);
  });

  it('deletes reports and bad-data files older than the limit, nothing younger, nothing in good-data', async () => {
    const { paths, context } = harness();
    fileAged(paths.reports, 'old--run-a.html', 31);
    fileAged(paths.reports, 'old--run-a.json', 30.01);
    fileAged(paths.reports, 'young--run-b.html', 29.99);
    fileAged(paths.badData, 'old.csv', 45);
    fileAged(paths.badData, 'young.csv', 1);
    fileAged(paths.goodData, 'old.csv', 400);
    fs.mkdirSync(path.join(paths.badData, 'a-folder'));
    const outside = fileAged(paths.root, 'outside.csv', 400);
    fs.symlinkSync(outside, path.join(paths.badData, 'link-to-outside.csv'));

    const reports = await pruneReports(context('retention-1', 'prune-reports'));
    const bad = await pruneBadData(context('retention-1', 'prune-bad-data'));

    expect(reports.output).toMatchObject({ deleted: 2, olderThan: '2026-10-30T00:00:00.000Z' });
    expect(bad.output).toMatchObject({ deleted: 1, sample: ['old.csv'] });
    expect(fs.readdirSync(paths.reports)).toEqual(['young--run-b.html']);
    expect(fs.readdirSync(paths.badData).sort()).toEqual(['a-folder', 'link-to-outside.csv', 'young.csv']);
    expect(fs.readdirSync(paths.goodData)).toEqual(['old.csv']);
    expect(fs.existsSync(outside)).toBe(true);
    // Run again: nothing more to do.
    expect((await pruneReports(context('retention-1', 'prune-reports'))).output?.deleted).toBe(0);
  });

  it('honours CONTRAIL_RETENTION_DAYS', async () => {
    const { paths, context } = harness();
    harness().configure({ CONTRAIL_RETENTION_DAYS: '2' });
    try {
      fileAged(paths.badData, 'three-days.csv', 3);
      fileAged(paths.badData, 'one-day.csv', 1);
      await pruneBadData(context('retention-2', 'prune-bad-data'));
      expect(fs.readdirSync(paths.badData)).toEqual(['one-day.csv']);
    } finally {
      harness().configure();
    }
  });

  it('deletes finished DAG runs older than the limit with their tasks; keeps young ones, running ones and statistics', async () => {
    const { context, db } = harness();
    await runAged('old-success', 'success', 31);
    await runAged('old-failed', 'failed', 60);
    await runAged('old-but-running', 'running', 90, false);
    await runAged('young', 'skipped', 29);
    await db.pool.query(
      `INSERT INTO ingested_files (run_id, file_name, content_hash, row_count, valid_rows, invalid_rows, criticality,
         parseable, expectations, failed_expectations, report_path, validation_ms, ingested_at)
       VALUES ('old-success', 'f.csv', 'h', 1, 1, 0, 'none', true, 1, 0, '/reports/x', 1, now() - interval '90 days')`,
    );

    const result = await pruneDagRuns(context('retention-3', 'prune-dag-runs'));

    expect(result.output?.deleted).toBe(2);
    const runs = await db.pool.query('SELECT run_id FROM dag_runs ORDER BY run_id');
    expect(runs.rows.map((r) => r.run_id)).toEqual(['old-but-running', 'young']);
    const tasks = await db.pool.query('SELECT run_id FROM task_instances ORDER BY run_id');
    expect(tasks.rows.map((r) => r.run_id)).toEqual(['old-but-running', 'young']);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM ingested_files')).rows[0].n).toBe(1);
  });
});
