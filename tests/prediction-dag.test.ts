import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { readCsv, writeCsv } from '../cli/data/csv-file';
import { waitFor } from '../cli/runtime/ports';
import { activeSpec } from '../core/feature-spec';
import { promoteModel, registerModel } from '../core/model';
import { dataPaths, ensureDataDirs } from '../core/paths';
import { dagRun } from '../workflows';
import { predictionDag } from '../workflows/dags/prediction';
import { type ContrailProcess, startApiProcess, startWorkerProcess } from './support/contrail-processes';
import { createTestDatabase, type TestDatabase } from './support/database';
import { temporalAddress } from './support/temporal';
import { trainTinyModel, writeSyntheticData } from './support/tiny-model';

/**
 * The prediction DAG end to end, on real processes: the production API and worker entry points
 * (killed with SIGKILL and restarted), the test run's Temporal server and a Postgres database.
 */
describe('the prediction DAG', () => {
  let db: TestDatabase;
  let dir: string;
  let goodData: string;
  let api: ContrailProcess & { url: string; port: number };
  let worker: ContrailProcess;
  let client: Client;
  let modelId: string;
  const taskQueue = `prediction-${crypto.randomBytes(4).toString('hex')}`;
  let nextId = 1;
  let env: NodeJS.ProcessEnv;

  /** Writes good-data files of synthetic rows (label removed); `poison` rows the API must refuse. */
  function writeGoodFiles(count: number, rows: number, poison = 0): { valid: number; refused: number } {
    const source = writeSyntheticData(path.join(dir, `source-${nextId}.csv`), count * rows, nextId);
    const table = readCsv(source);
    const label = table.header.indexOf(activeSpec.label.name);
    const header = table.header.filter((_, i) => i !== label);
    for (let f = 0; f < count; f++) {
      const slice = table.rows.slice(f * rows, (f + 1) * rows).map((r) => {
        const row = r.filter((_, i) => i !== label);
        row[0] = String(nextId++);
        return row;
      });
      for (let p = 0; p < poison; p++) {
        const bad = [...slice[p]!];
        bad[0] = String(nextId++);
        bad[header.indexOf(p % 2 ? 'origin' : 'distance')] = p % 2 ? 'XXX' : '99999';
        slice.push(bad);
      }
      writeCsv(path.join(goodData, `good-${crypto.randomBytes(3).toString('hex')}.csv`), {
        header,
        rows: slice,
      });
    }
    return { valid: count * rows, refused: count * poison };
  }

  async function predictionCounts() {
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS total, count(DISTINCT features->>'flight_id')::int AS distinct_rows
       FROM predictions WHERE source = 'scheduled'`,
    );
    return rows[0] as { total: number; distinct_rows: number };
  }

  async function runOnce(id = `prediction-test-${crypto.randomBytes(4).toString('hex')}`) {
    const handle = await client.workflow.start(dagRun, {
      args: [{ dag: predictionDag, runType: 'manual' }],
      taskQueue,
      workflowId: id,
    });
    return { id, handle };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-prediction-'));
    fs.chmodSync(dir, 0o755);
    const paths = dataPaths(dir);
    ensureDataDirs(paths);
    goodData = paths.goodData;
    const { artifact, file } = await trainTinyModel(dir);
    await registerModel(db.pool, artifact, file);
    await promoteModel(db.pool, artifact.id, 'test');
    modelId = artifact.id;
    env = { DATABASE_URL: db.url, CONTRAIL_DATA_DIR: dir, TEMPORAL_TASK_QUEUE: taskQueue };
    api = await startApiProcess(env);
    env.CONTRAIL_API_URL = api.url;
    worker = await startWorkerProcess(env);
    client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
  }, 180_000);

  afterAll(async () => {
    await worker?.kill();
    await api?.kill();
    await client?.connection.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('predicts every good row exactly once, records the refused rows with their reasons, and marks the files done', async () => {
    const { valid, refused } = writeGoodFiles(3, 400, 4);
    const { handle } = await runOnce();
    expect(await handle.result()).toMatchObject({ state: 'success' });

    expect(await predictionCounts()).toEqual({ total: valid, distinct_rows: valid });
    const models = await db.pool.query(`SELECT DISTINCT model_version FROM predictions`);
    expect(models.rows).toEqual([{ model_version: modelId }]);
    const rejections = await db.pool.query(`SELECT reason FROM prediction_rejections ORDER BY reason`);
    expect(rejections.rows).toHaveLength(refused);
    expect(rejections.rows.some((r) => /origin/i.test(r.reason))).toBe(true);
    expect(rejections.rows.some((r) => /distance/i.test(r.reason))).toBe(true);
    const ledger = await db.pool.query(
      `SELECT status, row_count, predicted_rows, rejected_rows FROM prediction_ledger ORDER BY file_name`,
    );
    expect(ledger.rows).toEqual(
      Array(3).fill({ status: 'done', row_count: 404, predicted_rows: 400, rejected_rows: 4 }),
    );
  });

  it('ends the whole run as skipped when nothing new arrived, and predicts nothing', async () => {
    const before = await predictionCounts();
    const { id, handle } = await runOnce();
    expect(await handle.result()).toMatchObject({ state: 'skipped' });
    expect(await predictionCounts()).toEqual(before);
    const run = await db.pool.query(`SELECT state FROM dag_runs WHERE run_id = $1`, [id]);
    expect(run.rows).toEqual([{ state: 'skipped' }]);
  });

  it('leaves exactly one prediction per row when the worker is killed in the middle of make-predictions', async () => {
    const before = await predictionCounts();
    const { valid } = writeGoodFiles(6, 8_000);
    const { id, handle } = await runOnce();
    let atKill = 0;
    await waitFor(
      'make-predictions to be half way',
      async () => {
        atKill = (await predictionCounts()).total - before.total;
        return atKill > 0;
      },
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    await worker.kill();
    expect(atKill).toBeLessThan(valid);
    worker = await startWorkerProcess(env);
    expect(await handle.result()).toMatchObject({ state: 'success' });
    expect(await predictionCounts()).toEqual({
      total: before.total + valid,
      distinct_rows: before.total + valid,
    });
    const task = await db.pool.query(
      `SELECT try_number FROM task_instances WHERE run_id = $1 AND task_id = 'make-predictions'`,
      [id],
    );
    expect(task.rows[0].try_number).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it('backs off while the API is down and catches up when it returns, still exactly once', async () => {
    const before = await predictionCounts();
    const { valid } = writeGoodFiles(6, 8_000);
    const { handle } = await runOnce();
    await waitFor('the first predictions', async () => (await predictionCounts()).total > before.total, {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    await api.kill();
    const partial = (await predictionCounts()).total - before.total;
    expect(partial).toBeLessThan(valid);
    await new Promise((r) => setTimeout(r, 5_000));
    api = await startApiProcess(env, api.port);
    expect(await handle.result()).toMatchObject({ state: 'success' });
    expect(await predictionCounts()).toEqual({
      total: before.total + valid,
      distinct_rows: before.total + valid,
    });
  }, 180_000);
});
