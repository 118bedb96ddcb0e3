import { ApplicationFailure } from '@temporalio/common';
import path from 'node:path';
import { writeCsv } from '../cli/data/csv-file';
import { waitFor } from '../cli/runtime/ports';
import * as activities from '../activities';
import { workerActivities } from '../worker/activities';
import { dagRun } from '../workflows';
import { DAGS } from '../workflows/dags';
import { ingestionDag } from '../workflows/dags/ingestion';
import { cleanTable } from './support/flight-files';
import { emptyFolders, useIngestionHarness } from './support/ingestion';
import { startSmtpReceiver } from './support/smtp-receiver';
import { cardText, startTeamsReceiver } from './support/teams-receiver';
import { startTestWorker, type TestWorker } from './support/temporal';

const harness = useIngestionHarness();

/**
 * A failed run alerts on-call: the real executor and activities on a real Temporal server, with
 * one task that fails for good (the statistics store refusing), and loopback Teams and SMTP.
 */
describe('the run-failure alert', () => {
  let worker: TestWorker;
  let teams: Awaited<ReturnType<typeof startTeamsReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

  beforeAll(async () => {
    [teams, smtp] = await Promise.all([startTeamsReceiver(), startSmtpReceiver()]);
    harness().configure({
      TEAMS_WEBHOOK_URL: teams.url,
      SMTP_URL: smtp.url,
      ALERT_EMAIL_TO: 'oncall@example.com',
    });
    const failing = {
      ...activities,
      saveStatistics: () =>
        Promise.reject(
          ApplicationFailure.nonRetryable('statistics store refused the row', 'StatisticsFailed'),
        ),
    };
    worker = await startTestWorker(workerActivities(DAGS, failing));
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await Promise.all([teams?.stop(), smtp?.stop()]);
  });

  async function failedRun(runType: 'scheduled' | 'manual') {
    emptyFolders(harness().paths);
    writeCsv(path.join(harness().paths.rawData, `${runType}.csv`), cleanTable(300));
    const id = `ingestion-alert-${runType}-${Date.now()}`;
    const handle = await worker.client.workflow.start(dagRun, {
      args: [{ dag: ingestionDag, runType }],
      taskQueue: worker.taskQueue,
      workflowId: id,
    });
    await expect(handle.result()).rejects.toThrow(/failed/);
    return { id, temporalRunId: handle.firstExecutionRunId };
  }

  it('tells Teams and e-mail which DAG and task failed, why, and links the run in the Temporal Web UI', async () => {
    // A clean file: no data-quality alert, so every message received here is the failure alert.
    const { id, temporalRunId } = await failedRun('scheduled');
    await waitFor('the failure alert', async () => teams.posts.length > 0 && smtp.mails.length > 0, {
      timeoutMs: 30_000,
    });
    const card = cardText(teams.posts[0]!);
    for (const part of ['ingestion', 'save-statistics', 'statistics store refused the row']) {
      expect(card.text).toContain(part);
    }
    const { uiUrl, namespace } = harness().config.temporal;
    const link = `${uiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(id)}/${temporalRunId}/history`;
    expect(card.urls).toEqual([link]);
    expect(smtp.mails[0]!.text).toContain(link);
    const recorded = await harness().db.pool.query(`SELECT kind, criticality FROM alerts WHERE run_id = $1`, [
      id,
    ]);
    expect(recorded.rows).toContainEqual({ kind: 'run_failure', criticality: 'high' });
    const run = await harness().db.pool.query(`SELECT state, error FROM dag_runs WHERE run_id = $1`, [id]);
    expect(run.rows[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('save-statistics') });
  });

  it('does not page anyone for a run a person started by hand: they see its failure', async () => {
    const before = teams.posts.length;
    const { id } = await failedRun('manual');
    const recorded = await harness().db.pool.query(`SELECT 1 FROM alerts WHERE run_id = $1`, [id]);
    expect(recorded.rows).toEqual([]);
    expect(teams.posts).toHaveLength(before);
  });
});
