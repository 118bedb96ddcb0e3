import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as activities from '../../activities';
import { configureActivities } from '../../activities/deps';
import { loadConfig } from '../../core/config';
import { activeSpec, fileColumns, formatDateTime } from '../../core/feature-spec';
import { dataPaths, ensureDataDirs } from '../../core/paths';
import { startTestApi, type TestApi } from '../../tests/support/api';
import { activateTinyModel } from '../../tests/support/active-tiny-model';
import { startTestWorker, temporalAddress, type TestWorker } from '../../tests/support/temporal';
import { workerActivities } from '../../worker/activities';
import { ensureSchedules } from '../../worker/schedules';
import { DAGS } from '../../workflows/dags';
import { intervalsIn, parseTime } from './backfill';

const CLI = path.resolve(__dirname, '../../bin/contrail.cjs');
const TWO_MINUTES = 120_000;

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('contrail backfill', () => {
  let dir: string;
  let api: TestApi;
  let worker: TestWorker;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-backfill-'));
    ensureDataDirs(dataPaths(dir));
    api = await startTestApi(dir);
    await activateTinyModel(api, dir);
    worker = await startTestWorker(workerActivities(DAGS, activities));
    env = {
      DATABASE_URL: api.db.url,
      TEMPORAL_ADDRESS: temporalAddress(),
      TEMPORAL_TASK_QUEUE: worker.taskQueue,
      CONTRAIL_DATA_DIR: dir,
      CONTRAIL_API_URL: api.url,
    };
    configureActivities({ config: loadConfig(env), db: api.db });
    await ensureSchedules(worker.client, DAGS, worker.taskQueue);
    // The schedule's own runs stay out of the way: one firing between the test writing its file and
    // the backfill would predict that file first and leave every backfilled run skipped.
    await worker.client.schedule.getHandle(`${worker.taskQueue}.prediction`).pause('backfill test');
  }, 120_000);

  afterAll(async () => {
    await worker.client.schedule
      .getHandle(`${worker.taskQueue}.prediction`)
      .delete()
      .catch(() => undefined);
    await worker?.stop();
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts the intervals a range covers, both ends included', () => {
    expect(
      intervalsIn(parseTime('2026-11-28 10:00'), parseTime('2026-11-28 10:08'), TWO_MINUTES),
    ).toHaveLength(5);
    expect(intervalsIn(parseTime('2026-11-28T10:01Z'), parseTime('2026-11-28T10:03Z'), TWO_MINUTES)).toEqual([
      new Date('2026-11-28T10:02:00Z'),
    ]);
    expect(() => parseTime('yesterday')).toThrow('not a time: "yesterday"');
  });

  it('starts one run per interval, each taking only the files of its own interval, and sums up their states', async () => {
    const start = Math.floor((Date.now() - 3 * 3_600_000) / TWO_MINUTES) * TWO_MINUTES;
    const file = path.join(dataPaths(dir).goodData, 'arrived-in-second-interval.csv');
    const header = fileColumns(activeSpec, { withLabel: false });
    const rows = Array.from({ length: 50 }, (_, i) => [
      String(i + 1),
      formatDateTime(start + i * 60_000),
      'ATL',
      'LAX',
      '1946',
    ]);
    fs.writeFileSync(file, `${header.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const arrived = new Date(start + TWO_MINUTES + 30_000);
    fs.utimesSync(file, arrived, arrived);

    const from = new Date(start).toISOString();
    const to = new Date(start + 4 * TWO_MINUTES).toISOString();
    const { code, out } = await runCli(['backfill', 'prediction', '--from', from, '--to', to, '--wait'], env);
    expect({ code, out }).toMatchObject({ code: 0 });
    expect(out).toContain('backfilling prediction: 5 run(s)');
    expect(out).toMatch(/success\s+1/);
    expect(out).toMatch(/skipped\s+4/);

    const runs = await api.db.pool.query(
      `SELECT logical_time, state, run_type FROM dag_runs WHERE dag_id = 'prediction' ORDER BY logical_time`,
    );
    expect(runs.rows.map((r) => [r.logical_time.getTime() - start, r.state, r.run_type])).toEqual([
      [0, 'skipped', 'backfill'],
      [TWO_MINUTES, 'success', 'backfill'],
      [2 * TWO_MINUTES, 'skipped', 'backfill'],
      [3 * TWO_MINUTES, 'skipped', 'backfill'],
      [4 * TWO_MINUTES, 'skipped', 'backfill'],
    ]);
    const predicted = await api.db.pool.query(
      `SELECT count(*)::int AS n FROM predictions WHERE source = 'scheduled'`,
    );
    expect(predicted.rows[0].n).toBe(50);

    // Re-running the same range is safe: the file is not predicted again.
    const again = await runCli(['backfill', 'prediction', '--from', from, '--to', to, '--wait'], env);
    expect(again.code).toBe(0);
    const after = await api.db.pool.query(
      `SELECT count(*)::int AS n FROM predictions WHERE source = 'scheduled'`,
    );
    expect(after.rows[0].n).toBe(50);
  });
});
