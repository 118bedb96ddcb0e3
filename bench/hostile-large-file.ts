/**
 * Memory of the ingestion tasks on the hostile corpus' 200 MB file: the file generated into a
 * temp data folder's raw-data/, then the real read-data, validate-data and split-and-save-data
 * activities run on it while the process's resident memory is sampled every 20 ms. (The statistics
 * and alert tasks read the validation result, not the file, and are left out: no database needed.)
 *
 *   npx tsx bench/hostile-large-file.ts [megabytes]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configureActivities } from '../activities/deps';
import { readData } from '../activities/read-data';
import { splitAndSaveData } from '../activities/split-and-save-data';
import { validateData } from '../activities/validate-data';
import { loadConfig } from '../core/config';
import type { TaskContext } from '../core/dag/task';
import { connectDatabase } from '../core/db/client';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { largeFile } from '../tests/hostile/generate-large';
import { loadNote, rate } from './support/measure';

const MEGABYTES = Number(process.argv[2] ?? 200);
/** Bounded means not growing with the file: the goal is a peak under 128 MB above the baseline for 200 MB. */
const GOAL_GROWTH_BYTES = 128e6;

const context = (taskId: string, upstream: Record<string, unknown> = {}): TaskContext => ({
  ...{
    dagId: 'ingestion',
    runType: 'manual',
    runId: 'bench-hostile-large',
    taskId,
    tryNumber: 1,
    params: {},
  },
  ...{ logicalTime: new Date().toISOString(), intervalEnd: new Date().toISOString(), upstream },
});

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-bench-hostile-'));
  // Never connected: these three tasks do not touch the database.
  const db = connectDatabase('postgresql://unused@127.0.0.1:1/unused');
  try {
    const config = loadConfig({ CONTRAIL_DATA_DIR: dir });
    configureActivities({ config, db });
    const paths = dataPaths(config.dataDir);
    ensureDataDirs(paths);
    const generated = largeFile(dir, MEGABYTES);
    fs.renameSync(generated, path.join(paths.rawData, path.basename(generated)));
    const size = fs.statSync(path.join(paths.rawData, path.basename(generated))).size;

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const read = await readData(context('read-data'));
    const validated = await validateData(context('validate-data', { 'read-data': read.output }));
    const split = await splitAndSaveData(
      context('split-and-save-data', { 'validate-data': validated.output }),
    );
    const ms = performance.now() - started;
    clearInterval(sampler);

    const out = split.output!;
    const rows = out.goodRows + out.badRows;
    const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
    console.log(
      `Hostile corpus, large file: ${mb(size)}, ${rows.toLocaleString()} rows through read, validate and split`,
    );
    console.log(
      `  ${out.mode}: ${out.goodRows.toLocaleString()} good + ${out.badRows.toLocaleString()} bad rows in ${(ms / 1000).toFixed(1)} s (${rate(rows, ms)})`,
    );
    console.log(
      `  resident memory: ${mb(baseline)} before, peak ${mb(peak)}: +${mb(peak - baseline)} (${((peak - baseline) / size).toFixed(2)}x the file)`,
    );
    console.log(
      `  goal: under +${mb(GOAL_GROWTH_BYTES)}: ratio ${(GOAL_GROWTH_BYTES / (peak - baseline)).toFixed(2)}`,
    );
    console.log(`  ${loadNote()}`);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
