import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import * as activities from '../activities';
import { configureActivities } from '../activities/deps';
import { waitFor } from '../cli/runtime/ports';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { startTestWorker, type TestWorker } from '../tests/support/temporal';
import { workerActivities } from '../worker/activities';
import { ensureSchedules } from '../worker/schedules';
import { DAGS } from '../workflows/dags';
import { createApp } from './app';

describe('pipelines API', () => {
  let db: TestDatabase;
  let worker: TestWorker;
  let app: ReturnType<typeof createApp>;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-dags-api-'));
    worker = await startTestWorker(workerActivities(DAGS, activities));
    const config = loadConfig({ CONTRAIL_DATA_DIR: dataDir, TEMPORAL_TASK_QUEUE: worker.taskQueue });
    ensureDataDirs(dataPaths(config.dataDir));
    configureActivities({ config, db });
    app = createApp({ config, log: createLogger('test', 'error'), db, temporal: worker.client, checks: [] });
  });
  afterAll(async () => {
    await worker.client.schedule
      .getHandle(`${worker.taskQueue}.prediction`)
      .delete()
      .catch(() => undefined);
    await worker?.stop();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every DAG with its tasks and schedule', async () => {
    const res = await request(app).get('/dags').expect(200);
    const prediction = res.body.find((d: { id: string }) => d.id === 'prediction');
    expect(prediction).toMatchObject({
      schedule: 'every 2m',
      tasks: [
        { id: 'check-for-new-data', upstream: [], triggerRule: 'all_success' },
        { id: 'make-predictions', upstream: ['check-for-new-data'], triggerRule: 'all_success' },
      ],
      latestRun: null,
    });
    expect(prediction.temporalUrl).toContain(encodeURIComponent('DagId = "prediction"'));
  });

  it('triggers a prediction run that, with no new data, ends skipped as a whole, and shows it', async () => {
    const started = await request(app).post('/dags/prediction/trigger').send({}).expect(201);
    const runId: string = started.body.runId;
    expect(runId.startsWith(`${worker.taskQueue}.prediction-manual-`)).toBe(true);
    const ended = async () =>
      ['success', 'failed', 'skipped'].includes((await request(app).get(`/runs/${runId}`)).body.state);
    await waitFor('the run to end', ended, { timeoutMs: 30_000 });
    const run = await request(app).get(`/runs/${runId}`).expect(200);
    expect(run.body).toMatchObject({ dagId: 'prediction', state: 'skipped', runType: 'manual' });
    expect(run.body.tasks.map((t: { taskId: string; state: string }) => [t.taskId, t.state])).toEqual([
      ['check-for-new-data', 'skipped'],
      ['make-predictions', 'skipped'],
    ]);
    expect(run.body.tasks[0].error).toBe('no new files in good-data');

    const grid = await request(app).get('/dags/prediction/runs?limit=5').expect(200);
    expect(grid.body.taskIds).toEqual(['check-for-new-data', 'make-predictions']);
    expect(grid.body.runs[0]).toMatchObject({
      runId,
      state: 'skipped',
      tasks: { 'check-for-new-data': 'skipped' },
    });
  });

  it('pauses and unpauses a scheduled DAG', async () => {
    await ensureSchedules(worker.client, DAGS, worker.taskQueue);
    await request(app)
      .post('/dags/prediction/pause')
      .send({ note: 'maintenance' })
      .expect(200, { dagId: 'prediction', paused: true });
    expect(
      (await worker.client.schedule.getHandle(`${worker.taskQueue}.prediction`).describe()).state.paused,
    ).toBe(true);
    const listed = await request(app).get('/dags').expect(200);
    const paused = listed.body.find((d: { id: string }) => d.id === 'prediction');
    expect(paused).toMatchObject({ paused: true, nextRunTimes: [] });
    await request(app)
      .post('/dags/prediction/unpause')
      .send({})
      .expect(200, { dagId: 'prediction', paused: false });
    expect(
      (await worker.client.schedule.getHandle(`${worker.taskQueue}.prediction`).describe()).state.paused,
    ).toBe(false);
  });

  it('answers unknown DAGs and runs with 404, and bad bodies with 400, in the error shape', async () => {
    const missing = await request(app).post('/dags/nope/trigger').send({}).expect(404);
    expect(missing.body.error).toMatchObject({ code: 'dag_not_found', message: 'no DAG named "nope"' });
    await request(app).get('/runs/nope').expect(404);
    const bad = await request(app).post('/dags/prediction/trigger').send({ params: 'x' }).expect(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.details[0].path).toBe('params');
    const badQuery = await request(app).get('/dags/prediction/runs?limit=0').expect(400);
    expect(badQuery.body.error.details[0].path).toBe('limit');
  });
});
