import fs from 'node:fs';
import path from 'node:path';
import * as activities from '../activities';
import { dagRun } from '../workflows';
import { DAGS } from '../workflows/dags';
import { retentionDag } from '../workflows/dags/retention';
import { workerActivities } from '../worker/activities';
import { useIngestionHarness } from './support/ingestion';
import { startTestWorker, type TestWorker } from './support/temporal';

const harness = useIngestionHarness();
const LOGICAL = Date.parse('2026-11-29T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

function aged(dir: string, name: string, days: number): void {
  fs.writeFileSync(path.join(dir, name), name);
  const at = new Date(LOGICAL - days * DAY);
  fs.utimesSync(path.join(dir, name), at, at);
}

describe('the retention DAG on a real worker', () => {
  let worker: TestWorker;
  beforeAll(async () => (worker = await startTestWorker(workerActivities(DAGS, activities))));
  afterAll(async () => worker?.stop());

  it('runs its three tasks, prunes what is older than the limit, and records the run', async () => {
    const { paths, db } = harness();
    aged(paths.reports, 'old.html', 40);
    aged(paths.reports, 'new.html', 2);
    aged(paths.badData, 'old.csv', 40);
    aged(paths.goodData, 'old.csv', 40);
    await db.pool.query(
      `INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state, started_at, ended_at)
       VALUES ('ancient', 'prediction', $1, 'scheduled', 'success', $1, $1)`,
      [new Date(LOGICAL - 90 * DAY)],
    );
    const runId = 'retention-test-run';
    await worker.client.workflow.execute(dagRun, {
      args: [{ dag: retentionDag, runType: 'manual', logicalTime: new Date(LOGICAL).toISOString() }],
      taskQueue: worker.taskQueue,
      workflowId: runId,
    });

    expect(fs.readdirSync(paths.reports)).toEqual(['new.html']);
    expect(fs.readdirSync(paths.badData)).toEqual([]);
    expect(fs.readdirSync(paths.goodData)).toEqual(['old.csv']);
    const runs = await db.pool.query('SELECT run_id, state FROM dag_runs ORDER BY run_id');
    expect(runs.rows).toEqual([{ run_id: runId, state: 'success' }]);
    const tasks = await db.pool.query(
      'SELECT task_id, state FROM task_instances WHERE run_id = $1 ORDER BY task_id',
      [runId],
    );
    expect(tasks.rows).toEqual([
      { task_id: 'prune-bad-data', state: 'success' },
      { task_id: 'prune-dag-runs', state: 'success' },
      { task_id: 'prune-reports', state: 'success' },
    ]);
  }, 120_000);
});
