import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as activities from '../activities';
import { configureActivities } from '../activities/deps';
import { loadConfig } from '../core/config';
import { promoteModel, registerModel } from '../core/model';
import { workerActivities } from '../worker/activities';
import { dagRun } from '../workflows';
import { DAGS } from '../workflows/dags';
import { monitoringDag } from '../workflows/dags/monitoring';
import { createTestDatabase, type TestDatabase } from './support/database';
import { insertPredictions } from './support/monitoring-data';
import { startSmtpReceiver } from './support/smtp-receiver';
import { startTestWorker, type TestWorker } from './support/temporal';
import { trainTinyModel } from './support/tiny-model';

/**
 * The monitoring DAG on a real Temporal worker, a real database and a real SMTP server: a scripted
 * sequence of ingestions and predictions, and the alerts each rule sends (once when it fires, once
 * when it resolves).
 */
describe('the monitoring DAG', () => {
  let db: TestDatabase;
  let dir: string;
  let worker: TestWorker;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let modelId: string;
  let files = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-monitoring-'));
    fs.chmodSync(dir, 0o755);
    smtp = await startSmtpReceiver();
    const { artifact, file } = await trainTinyModel(dir);
    await registerModel(db.pool, artifact, file);
    await promoteModel(db.pool, artifact.id, 'test');
    modelId = artifact.id;
    worker = await startTestWorker(workerActivities(DAGS, activities));
    const config = loadConfig({
      CONTRAIL_DATA_DIR: dir,
      CONTRAIL_WEBAPP_URL: 'https://contrail.example.com',
      SMTP_URL: smtp.url,
      ALERT_EMAIL_TO: 'ops@example.com',
      ALERT_MAX_ATTEMPTS: '1',
    });
    configureActivities({ config, db });
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.stop();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runMonitoring() {
    const id = `monitoring-test-${crypto.randomBytes(4).toString('hex')}`;
    const result = await worker.client.workflow.execute(dagRun, {
      args: [{ dag: monitoringDag, runType: 'manual' }],
      taskQueue: worker.taskQueue,
      workflowId: id,
    });
    const tasks = await db.pool.query<{
      task_id: string;
      state: string;
      output: { rules?: { rule: string; change: string | null }[] };
    }>('SELECT task_id, state, output FROM task_instances WHERE run_id = $1', [id]);
    const evaluated = tasks.rows.find((t) => t.task_id === 'evaluate-alert-rules')!;
    const changes = Object.fromEntries(
      (evaluated.output.rules ?? []).filter((r) => r.change).map((r) => [r.rule, r.change]),
    );
    return { id, result, tasks: tasks.rows, changes };
  }

  async function ingest(valid: number, invalid: number) {
    await db.pool.query(
      `INSERT INTO ingested_files (run_id, file_name, content_hash, row_count, valid_rows, invalid_rows,
         criticality, parseable, expectations, failed_expectations, validation_ms)
       VALUES ($1, $2, 'h', $3, $4, $5, $6, true, 25, 0, 1)`,
      [
        `ingestion-${++files}`,
        `file-${files}.csv`,
        valid + invalid,
        valid,
        invalid,
        invalid ? 'high' : 'none',
      ],
    );
  }

  // Long subjects are folded onto continuation lines (RFC 5322): unfold them.
  const subjects = () =>
    smtp.mails.map((m) =>
      (/^Subject: (.*(?:\r?\n[ \t].*)*)$/m.exec(m.text)?.[1] ?? '').replace(/\r?\n[ \t]/g, ' '),
    );

  it('fires once when nothing was ingested, resolves once on the next ingestion, and stays quiet in between', async () => {
    const first = await runMonitoring();
    expect(first.tasks.map((t) => [t.task_id, t.state]).sort()).toEqual([
      ['compute-drift', 'success'],
      ['evaluate-alert-rules', 'success'],
    ]);
    expect(first.changes).toEqual({ no_recent_ingestion: 'fired' });
    expect((await runMonitoring()).changes).toEqual({});
    await ingest(100, 0);
    expect((await runMonitoring()).changes).toEqual({ no_recent_ingestion: 'resolved' });
    expect((await runMonitoring()).changes).toEqual({});
    expect(subjects()).toEqual([
      '[Contrail] FIRING: No file ingested for 5 minutes',
      '[Contrail] RESOLVED: No file ingested for 5 minutes',
    ]);
    // People land on the web app's dashboard over the rule's window, not on the API's JSON.
    expect(smtp.mails[0]!.text).toContain('https://contrail.example.com/data-quality?window=1h');
    const alerts = await db.pool.query(
      `SELECT run_id, kind, status FROM alerts WHERE run_id LIKE 'monitoring-%' ORDER BY id`,
    );
    expect(alerts.rows).toEqual([
      { run_id: 'monitoring-no_recent_ingestion-1', kind: 'monitoring_fired', status: 'sent' },
      { run_id: 'monitoring-no_recent_ingestion-1', kind: 'monitoring_resolved', status: 'sent' },
    ]);
  });

  it('fires when every ingested row of the last 10 minutes is invalid, once', async () => {
    await db.pool.query('DELETE FROM ingested_files');
    await ingest(0, 50);
    expect((await runMonitoring()).changes).toEqual({ all_data_invalid: 'fired' });
    await ingest(0, 20);
    expect((await runMonitoring()).changes).toEqual({});
    await ingest(10, 0);
    expect((await runMonitoring()).changes).toEqual({ all_data_invalid: 'resolved' });
  });

  it('measures drift of new predictions against the profile, and alerts when it is red', async () => {
    const noneYet = await runMonitoring();
    expect(noneYet.tasks.find((t) => t.task_id === 'compute-drift')!.output).toEqual({
      computed: false,
      reason: '0 new predictions (fewer than 30)',
    });
    // June flights (the model knows January), one airport pair, long distances, predicted 200+ minutes late.
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      date: `2001-06-${String(1 + (i % 28)).padStart(2, '0')} 0${i % 6}:30`,
      origin: 'ATL',
      destination: 'ORD',
      distance: 3000 + (i % 500),
    }));
    await insertPredictions(
      db.pool,
      new Date(Date.now() - 60_000),
      'scheduled',
      rows.map((_, i) => 200 + (i % 50)),
      modelId,
      rows,
    );
    const drifted = await runMonitoring();
    expect(drifted.tasks.find((t) => t.task_id === 'compute-drift')!.output).toMatchObject({
      computed: true,
      modelId,
      rows: 2000,
      datasetDrifted: true,
      predictionDrifted: true,
    });
    expect(drifted.changes).toEqual({ drift_red: 'fired' });
    const measures = await db.pool.query(
      `SELECT feature, method, drifted FROM drift_results WHERE run_id = $1 ORDER BY target, feature`,
      [drifted.id],
    );
    expect(measures.rows).toContainEqual({ feature: 'prediction', method: 'wasserstein', drifted: true });
    expect(measures.rows).toContainEqual({ feature: 'date_month', method: 'jensenshannon', drifted: true });
    // Nothing new since: no new measures, and the rule keeps its episode without a second alert.
    const again = await runMonitoring();
    expect(again.tasks.find((t) => t.task_id === 'compute-drift')!.output).toMatchObject({ computed: false });
    expect(again.changes).toEqual({});
    expect(subjects().filter((s) => s.includes('drifted'))).toEqual([
      '[Contrail] FIRING: Serving data or predictions drifted from the training data',
    ]);
  });
});
