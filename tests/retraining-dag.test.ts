import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCsv, writeCsv } from '../cli/data/csv-file';
import { waitFor } from '../cli/runtime/ports';
import { configureActivities } from '../activities/deps';
import { loadConfig } from '../core/config';
import { triggerRun } from '../core/dag/control';
import { activeSpec, fileColumns } from '../core/feature-spec';
import { activeModel, getModel, promoteModel, registerModel } from '../core/model';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { workerActivities } from '../worker/activities';
import { DAGS } from '../workflows/dags';
import { retrainingDag } from '../workflows/dags/retraining';
import { startTestApi, type TestApi } from './support/api';
import { runCli } from './support/run-cli';
import { startTestWorker, temporalAddress, type TestWorker } from './support/temporal';
import { trainTinyModel, writeSyntheticData } from './support/tiny-model';

// Small thresholds: the slice here holds about 10,000 training and 3,500 holdout rows.
const SMALL = { minTrainRows: 2_000, minHoldoutRows: 500 };
// One shallow, slow-learning tree: close to the median, worse than any model that learnt something.
const WEAK = { trees: 1, learningRate: 0.01, maxLeaves: 4 };

/**
 * The retraining DAG end to end: a real worker on the test run's Temporal server, the real API on
 * a fresh Postgres database (it hears promotions through LISTEN), and a data folder whose good-data
 * files carry no label, their labels in datasets/flights.csv as `contrail data prepare` writes it.
 */
describe('the retraining DAG', () => {
  let api: TestApi;
  let worker: TestWorker;
  let dir: string;
  let firstModel: string;

  async function retrain(params: Record<string, unknown>) {
    const { workflowId } = await triggerRun(worker.client, worker.taskQueue, retrainingDag, params);
    const result = await worker.client.workflow.getHandle(workflowId).result();
    const { rows } = await api.db.pool.query<{
      task_id: string;
      state: string;
      error: string | null;
      output: unknown;
    }>(`SELECT task_id, state, error, output FROM task_instances WHERE run_id = $1`, [workflowId]);
    const tasks = Object.fromEntries(rows.map((r) => [r.task_id, r]));
    return { workflowId, state: result.state, tasks };
  }

  async function taskOutput(runId: string, taskId: string) {
    const { rows } = await api.db.pool.query(
      `SELECT output FROM task_instances WHERE run_id = $1 AND task_id = $2`,
      [runId, taskId],
    );
    return rows[0]?.output as { promoted: boolean; modelId: string; reason: string };
  }

  const cliEnv = () => ({
    DATABASE_URL: api.db.url,
    TEMPORAL_ADDRESS: temporalAddress(),
    TEMPORAL_TASK_QUEUE: worker.taskQueue,
    CONTRAIL_DATA_DIR: dir,
  });

  async function predictNow(): Promise<{ modelVersion: string; requestId: string }> {
    const response = await api.request('POST', '/predict', {
      source: 'webapp',
      rows: [activeSpec.exampleRow],
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { modelVersion: string; requestId: string };
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-retraining-'));
    const paths = dataPaths(dir);
    ensureDataDirs(paths);
    // Labelled flights for January and February 2001; good-data holds them without the label, in four files.
    const labelled = readCsv(
      writeSyntheticData(path.join(paths.datasets, `${activeSpec.id}.csv`), 30_000, 3),
    );
    const keep = fileColumns(activeSpec, { withLabel: false }).map((c) => labelled.header.indexOf(c));
    for (let f = 0; f < 4; f++) {
      writeCsv(path.join(paths.goodData, `good-${f}.csv`), {
        header: fileColumns(activeSpec, { withLabel: false }),
        rows: labelled.rows.filter((_, i) => i % 4 === f).map((row) => keep.map((k) => row[k]!)),
      });
    }
    api = await startTestApi(dir);
    configureActivities({
      config: loadConfig({ DATABASE_URL: api.db.url, CONTRAIL_DATA_DIR: dir }),
      db: api.db,
    });
    worker = await startTestWorker(workerActivities(DAGS));
    // The active model: two trees fit on other (synthetic) data, so a fully trained candidate beats it.
    const { artifact, file } = await trainTinyModel(dir, { trees: 2 });
    await registerModel(api.db.pool, artifact, file);
    await promoteModel(api.db.pool, artifact.id, 'test');
    await api.model.refresh();
    firstModel = artifact.id;
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('does not promote a candidate that is worse on the holdout, and marks it rejected', async () => {
    const run = await retrain({ ...SMALL, modelParams: WEAK });

    expect(run.state).toBe('success');
    const evaluation = run.tasks['evaluate-against-active']!.output as {
      candidate: { modelId: string; mae: number; rows: number };
      active: { modelId: string; mae: number; rows: number };
      better: boolean;
    };
    expect(evaluation.active.modelId).toBe(firstModel);
    expect(evaluation.candidate.rows).toBe(evaluation.active.rows);
    expect(evaluation.candidate.mae).toBeGreaterThan(evaluation.active.mae);
    expect(run.tasks['promote-if-better']!.output).toMatchObject({ promoted: false });
    expect((await activeModel(api.db.pool))!.id).toBe(firstModel);
    expect((await getModel(api.db.pool, evaluation.candidate.modelId))!.status).toBe('rejected');
    expect((await predictNow()).modelVersion).toBe(firstModel);
    const slice = run.tasks['select-training-window']!.output as { dataFile: string };
    expect(fs.existsSync(slice.dataFile)).toBe(false);
  });

  it('promotes a better candidate, records the run as its promoter, and the API serves it without a restart', async () => {
    const run = await retrain(SMALL);

    expect(run.state).toBe('success');
    const outcome = run.tasks['promote-if-better']!.output as {
      promoted: boolean;
      modelId: string;
      replaced: string;
    };
    expect(outcome).toMatchObject({ promoted: true, replaced: firstModel });
    const promoted = (await activeModel(api.db.pool))!;
    expect(promoted.id).toBe(outcome.modelId);
    expect(promoted.promotedBy).toBe(`dag retraining (run ${run.workflowId})`);
    expect(promoted.trainFrom.toISOString()).toBe('2001-02-01T00:00:00.000Z');
    expect(promoted.trainTo.toISOString()).toBe('2001-02-22T00:00:00.000Z');
    const { rows: promotions } = await api.db.pool.query(
      `SELECT previous_model_id, reason FROM model_promotions WHERE model_id = $1`,
      [promoted.id],
    );
    expect(promotions).toEqual([
      { previous_model_id: firstModel, reason: expect.stringMatching(/^better: candidate MAE/) },
    ]);

    let answer = await predictNow();
    await waitFor('the API to serve the promoted model', async () => {
      answer = await predictNow();
      return answer.modelVersion === promoted.id;
    });
    const { rows } = await api.db.pool.query(`SELECT model_version FROM predictions WHERE request_id = $1`, [
      answer.requestId,
    ]);
    expect(rows).toEqual([{ model_version: promoted.id }]);
  });

  it('promotes a worse candidate when triggered with contrail dags trigger --force, saying so', async () => {
    const before = (await activeModel(api.db.pool))!.id;
    const conf = JSON.stringify({ ...SMALL, modelParams: { ...WEAK, maxLeaves: 5 } });
    const cli = await runCli(
      ['dags', 'trigger', 'retraining', '--force', '--wait', '--conf', conf],
      cliEnv(),
    );

    expect(cli.code).toBe(0);
    const runId = /started (\S+)/.exec(cli.out)![1]!;
    const outcome = await taskOutput(runId, 'promote-if-better');
    expect(outcome).toMatchObject({ promoted: true, replaced: before });
    expect(outcome.reason).toMatch(/^forced \(params\.force\) although not better/);
    const forced = (await activeModel(api.db.pool))!;
    expect(forced.id).toBe(outcome.modelId);
    expect(forced.promotedBy).toBe(`dag retraining (run ${runId}, forced)`);
  });

  it('contrail models list shows each model with its window, status and promoter; rollback restores the one before', async () => {
    const forced = (await activeModel(api.db.pool))!;
    const { rows } = await api.db.pool.query<{ previous_model_id: string }>(
      `SELECT previous_model_id FROM model_promotions WHERE model_id = $1`,
      [forced.id],
    );
    const previous = rows[0]!.previous_model_id;

    const list = await runCli(['models', 'list'], cliEnv());
    expect(list.code).toBe(0);
    const line = (id: string) => list.out.split('\n').find((l) => l.startsWith(id)) ?? '';
    expect(line(forced.id)).toMatch(/ active .*2001-02-01\.\.2001-02-22 .*dag retraining \(run .*, forced\)/);
    expect(line(previous)).toMatch(/ retired .*2001-02-01\.\.2001-02-22 .*dag retraining \(run /);
    expect(line(firstModel)).toMatch(/ retired .*2001-01-01\.\.2001-02-01 .*test/);

    const rollback = await runCli(['models', 'rollback', '--reason', 'the forced model is worse'], cliEnv());
    expect(rollback.code).toBe(0);
    expect((await activeModel(api.db.pool))!.id).toBe(previous);
    expect((await getModel(api.db.pool, forced.id))!.status).toBe('rejected');
  });

  it('ends the run as skipped, with the reason, when the recent data has too few labels', async () => {
    // A week of newer flights whose labels have not arrived: the holdout moves onto them.
    const newer = readCsv(writeSyntheticData(path.join(dir, 'newer.csv'), 300, 4, 7));
    const keep = fileColumns(activeSpec, { withLabel: false }).map((c) => newer.header.indexOf(c));
    writeCsv(path.join(dataPaths(dir).goodData, 'good-9.csv'), {
      header: fileColumns(activeSpec, { withLabel: false }),
      rows: newer.rows.map((row, i) => {
        const cells = keep.map((k) => row[k]!);
        cells[0] = String(900_000 + i);
        cells[1] = cells[1]!.replace('2001-01-', '2001-03-');
        return cells;
      }),
    });
    const active = (await activeModel(api.db.pool))!.id;

    const run = await retrain(SMALL);

    expect(run.state).toBe('skipped');
    expect(run.tasks['select-training-window']).toMatchObject({
      state: 'skipped',
      error: expect.stringMatching(
        /too little labelled data: 0 labelled holdout rows .*need 500 \(300 rows had no label\)/,
      ),
    });
    expect(run.tasks['train-candidate']!.state).toBe('skipped');
    expect((await activeModel(api.db.pool))!.id).toBe(active);
  });
});
