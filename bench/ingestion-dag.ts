/**
 * The ingestion DAG on a typical raw file: 20 runs, each over a fresh file of a few thousand rows
 * with some injected errors, on a real Temporal dev server and Postgres with the production
 * activities. Reports run wall time (client start to result) and how long the three tasks after
 * validation overlapped, from the task instances Postgres recorded.
 *
 *   npx tsx bench/ingestion-dag.ts [runs] [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { configureActivities } from '../activities/deps';
import { writeCsv } from '../cli/data/csv-file';
import { injectErrors } from '../cli/data/inject-errors';
import { loadConfig } from '../core/config';
import { activeSpec } from '../core/feature-spec';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { cleanTable } from '../tests/support/flight-files';
import { workerActivities } from '../worker/activities';
import { dagRun } from '../workflows';
import { DAGS } from '../workflows/dags';
import { ingestionDag } from '../workflows/dags/ingestion';
import { percentile, startBenchServers, startBenchWorker } from './support/bench-servers';

const RUNS = Number(process.argv[2] ?? 20);
const ROWS = Number(process.argv[3] ?? 5_000);
const GOAL_MS = 1500;
const PARALLEL = ['save-statistics', 'send-alerts', 'split-and-save-data'];

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const servers = await startBenchServers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-bench-ingestion-'));
  try {
    const config = loadConfig({ CONTRAIL_DATA_DIR: dir, LOG_LEVEL: 'error' });
    const paths = dataPaths(dir);
    ensureDataDirs(paths);
    configureActivities({ config, db: servers.db });
    const { client, stop } = await startBenchWorker(servers, workerActivities(DAGS));

    const walls: number[] = [];
    const overlaps: number[] = [];
    for (let i = -3; i < RUNS; i++) {
      const file = path.join(paths.rawData, `typical-${i + 3}.csv`);
      writeCsv(file, cleanTable(ROWS, (i + 3) * ROWS + 1));
      injectErrors(activeSpec, [file], {
        seed: i + 10,
        types: ['out_of_range', 'unknown_category'],
        rowsPerError: 20,
      });
      const workflowId = `bench-ingestion-${i}`;
      const started = performance.now();
      await client.workflow.execute(dagRun, {
        args: [{ dag: ingestionDag, runType: 'manual' }],
        taskQueue: 'bench',
        workflowId,
      });
      const wall = performance.now() - started;
      const { rows } = await servers.db.pool.query(
        `SELECT task_id, started_at, ended_at FROM task_instances WHERE run_id = $1 AND task_id = ANY($2)`,
        [workflowId, PARALLEL],
      );
      // Overlap: the time all three were running at once (latest start to earliest end).
      const latestStart = Math.max(...rows.map((r) => r.started_at.getTime()));
      const earliestEnd = Math.min(...rows.map((r) => r.ended_at.getTime()));
      if (i >= 0) {
        walls.push(wall);
        overlaps.push(earliestEnd - latestStart);
      }
    }
    walls.sort((a, b) => a - b);
    overlaps.sort((a, b) => a - b);
    const p50 = percentile(walls, 50);
    console.log(
      `Ingestion DAG, ${RUNS} runs over ${ROWS}-row raw files (real Temporal dev server + Postgres)`,
    );
    console.log(
      `  run wall time p50 ${p50.toFixed(0)} ms   p90 ${percentile(walls, 90).toFixed(0)} ms   max ${walls.at(-1)!.toFixed(0)} ms`,
    );
    console.log(`  p50 / goal ${GOAL_MS} ms = ${(p50 / GOAL_MS).toFixed(2)}`);
    console.log(
      `  the three parallel tasks all running at once: p50 ${percentile(overlaps, 50).toFixed(0)} ms, ${overlaps.filter((o) => o >= 0).length}/${RUNS} runs overlapping`,
    );
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
