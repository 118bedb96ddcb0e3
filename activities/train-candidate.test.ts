import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { loadConfig } from '../core/config';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { getModel } from '../core/model';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { writeSyntheticData } from '../tests/support/tiny-model';
import { configureActivities } from './deps';
import type { TrainedCandidate, TrainingSlice } from './retraining-params';
import { trainCandidate } from './train-candidate';

// The SDK logs every failed attempt at WARN; these tests assert the failures themselves.
const mockEnvironment = () =>
  new MockActivityEnvironment({ attempt: 1 }, { logger: new DefaultLogger('ERROR') });

describe('train-candidate', () => {
  let db: TestDatabase;
  let dir: string;
  let dataFile: string;

  const slice = (trainTo: string): TrainingSlice => ({
    dataFile,
    trainWindow: { from: '2001-01-01 00:00', to: trainTo },
    holdoutWindow: { from: '2001-02-22 00:00', to: '2001-03-01 00:00' },
    trainRows: 0,
    holdoutRows: 0,
    unlabelledRows: 0,
    goodFiles: 1,
  });
  const context = (params: Record<string, unknown>, upstream: TrainingSlice): TaskContext => ({
    dagId: 'retraining',
    runType: 'manual',
    runId: 'retraining-test',
    logicalTime: '2026-11-29T00:00:00.000Z',
    intervalEnd: '2026-12-06T00:00:00.000Z',
    taskId: 'train-candidate',
    tryNumber: 1,
    params,
    upstream: { 'select-training-window': upstream },
  });
  const artifacts = () => fs.readdirSync(path.join(dir, 'models')).filter((n) => n.endsWith('.json'));

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-train-candidate-'));
    fs.mkdirSync(path.join(dir, 'models'));
    dataFile = writeSyntheticData(path.join(dir, 'slice.csv'), 120_000, 7);
    configureActivities({ config: loadConfig({ DATABASE_URL: db.url, CONTRAIL_DATA_DIR: dir }), db });
  });

  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('heartbeats with the progress of the fit and stops it when cancelled, leaving no artifact and no model', async () => {
    const env = mockEnvironment();
    const beats: { phase?: string; tree?: number }[] = [];
    env.on('heartbeat', (details: { phase?: string; tree?: number }) => {
      beats.push(details);
      if (details.phase === 'boosting' && details.tree === 2) env.cancel();
    });
    const run = env.run(trainCandidate, context({ modelParams: { trees: 2000 } }, slice('2001-02-22 00:00')));

    await expect(run).rejects.toBeInstanceOf(CancelledFailure);
    expect(beats.map((b) => b.phase)).toEqual(expect.arrayContaining(['loading', 'binning', 'boosting']));
    expect(beats.filter((b) => b.phase === 'boosting').length).toBeLessThan(2000);
    expect(artifacts()).toEqual([]);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM models`);
    expect(rows[0].n).toBe(0);
  });

  it('registers the trained candidate with its training window and holdout MAE', async () => {
    const env = mockEnvironment();
    const result: TaskResult<TrainedCandidate> = await env.run(
      trainCandidate,
      context({ modelParams: { trees: 5 } }, slice('2001-02-22 00:00')),
    );

    const output = result.output!;
    expect(artifacts()).toEqual([path.basename(output.artifactPath)]);
    const registered = await getModel(db.pool, output.modelId);
    expect(registered).toMatchObject({ status: 'candidate', promotedBy: null });
    expect(registered!.trainFrom.toISOString()).toBe('2001-01-01T00:00:00.000Z');
    expect(registered!.trainTo.toISOString()).toBe('2001-02-22T00:00:00.000Z');
    expect(registered!.metrics.validation.mae).toBeCloseTo(output.validationMae, 9);
  });

  it('fails for good, without retrying, when the training window holds no rows', async () => {
    const env = mockEnvironment();
    const empty = {
      ...slice('2001-01-02 00:00'),
      trainWindow: { from: '2000-01-01 00:00', to: '2000-02-01 00:00' },
    };
    const failure = await env.run(trainCandidate, context({}, empty)).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, type: 'BadData' });
    expect((failure as Error).message).toMatch(/no labelled rows in the training window/);
  });
});
