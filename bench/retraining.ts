/**
 * One retraining run on the demo data, through the real DAG (a real Temporal dev server, Postgres
 * and worker): good-data holds the whole serving period (April to June 2001) split into 300
 * unlabelled files as `npm start` splits it, the labels are the prepared data set's, and the active
 * model is the first model `npm start` trains (January to March). Prints the run's wall time
 * against the 3-minute training goal, each task's time, and the verdict.
 *   npx contrail data prepare   # once
 *   npx tsx bench/retraining.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { configureActivities } from '../activities/deps';
import type { PromotionOutcome } from '../activities/promote-if-better';
import type { TrainingSlice } from '../activities/retraining-params';
import { preparedPaths } from '../cli/data/prepare';
import { splitDataset } from '../cli/data/split';
import { loadConfig, loadProcessConfig } from '../core/config';
import { triggerRun } from '../core/dag/control';
import { activeSpec } from '../core/feature-spec';
import { promoteModel, registerModel, trainModel } from '../core/model';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { workerActivities } from '../worker/activities';
import { DAGS } from '../workflows/dags';
import { retrainingDag } from '../workflows/dags/retraining';
import { printTable } from './support';
import { startBenchServers, startBenchWorker } from './support/bench-servers';
import { loadNote } from './support/measure';

const GOAL_SECONDS = 180;

async function prepareDataDir(dir: string) {
  const prepared = preparedPaths(dataPaths(loadProcessConfig().dataDir).datasets, activeSpec);
  if (!fs.existsSync(prepared.canonical)) throw new Error('run `npx contrail data prepare` first');
  const paths = dataPaths(dir);
  ensureDataDirs(paths);
  fs.symlinkSync(prepared.canonical, path.join(paths.datasets, path.basename(prepared.canonical)));
  splitDataset(activeSpec, prepared.serving, paths.goodData, 300, { prefix: 'flights-serving' });
  console.error('training the first model (January to March), as npm start does …');
  return trainModel({ spec: activeSpec, dataFile: prepared.canonical, modelsDir: paths.models });
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-bench-retraining-'));
  const servers = await startBenchServers();
  try {
    const first = await prepareDataDir(dir);
    await registerModel(servers.db.pool, first.artifact, first.file);
    await promoteModel(servers.db.pool, first.artifact.id, 'bench');
    configureActivities({
      config: loadConfig({ DATABASE_URL: servers.databaseUrl, CONTRAIL_DATA_DIR: dir }),
      db: servers.db,
    });
    const { client, stop } = await startBenchWorker(servers, workerActivities(DAGS));

    console.error('retraining …');
    const started = performance.now();
    const { workflowId } = await triggerRun(client, 'bench', retrainingDag, {});
    const result = await client.workflow.getHandle(workflowId).result();
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await servers.db.pool.query<{ task_id: string; duration_ms: number; output: unknown }>(
      `SELECT task_id, duration_ms, output FROM task_instances WHERE run_id = $1 ORDER BY started_at`,
      [workflowId],
    );
    const output = (task: string) => rows.find((r) => r.task_id === task)?.output;
    const slice = output('select-training-window') as TrainingSlice | undefined;
    const outcome = output('promote-if-better') as PromotionOutcome | undefined;
    printTable(`A retraining run on the demo data (${result.state}; ${loadNote()})`, [
      {
        measure: 'run, wall clock (trigger to result)',
        value: seconds,
        unit: 's',
        goal: { value: GOAL_SECONDS, better: 'lower' },
        note: slice
          ? `${slice.trainRows.toLocaleString('en')} training + ${slice.holdoutRows.toLocaleString('en')} holdout rows from ${slice.goodFiles} good files`
          : '',
      },
      ...rows.map((r) => ({ measure: `  ${r.task_id}`, value: r.duration_ms / 1000, unit: 's' })),
    ]);
    console.log(`\n${outcome ? `promoted: ${outcome.promoted}; ${outcome.reason}` : 'no verdict'}`);

    await stop();
  } finally {
    await servers.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
