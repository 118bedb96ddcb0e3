import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { configureActivities } from '../activities/deps';
import { loadConfig } from '../core/config';
import { connectDatabase, type Database } from '../core/db/client';
import type { TaskContext } from '../core/dag/task';
import { isDatabaseUnavailable } from '../core/db/unavailable';
import { type CuttableProxy, startCuttableProxy } from '../tests/support/cuttable-proxy';
import { adminUrl, createTestDatabase, type TestDatabase } from '../tests/support/database';
import { recordTaskAttempts } from './task-attempts';

/** The SDK logs each failed attempt as a warning; this test fails one on purpose. */
const quiet = { logger: new DefaultLogger('ERROR') };

const context = (runId: string): TaskContext => ({
  dagId: 'test',
  runType: 'manual',
  runId,
  logicalTime: '2026-11-29T00:00:00.000Z',
  intervalEnd: '2026-11-29T00:01:00.000Z',
  taskId: 'work',
  tryNumber: 1,
  params: {},
  upstream: {},
});

/** The worker's wrapper around every task, with its Postgres connections going through a proxy the test cuts. */
describe('task attempts while Postgres is unreachable', () => {
  let db: TestDatabase;
  let proxy: CuttableProxy;
  let workerDb: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(adminUrl());
    proxy = await startCuttableProxy(target.hostname, Number(target.port));
    workerDb = connectDatabase(proxy.url(db.url));
    configureActivities({ config: loadConfig({}), db: workerDb });
  });
  afterAll(async () => {
    await workerDb.close();
    await proxy.close();
    await db.drop();
  });

  it('records the attempt and its result when the database is there', async () => {
    await db.pool.query(`INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state)
      VALUES ('up', 'test', now(), 'manual', 'running')`);
    const task = recordTaskAttempts(async () => ({ output: { done: true } }));
    await new MockActivityEnvironment({ attempt: 1 }, quiet).run(task, context('up'));
    const { rows } = await db.pool.query(
      `SELECT state, try_number, output FROM task_instances WHERE run_id = 'up'`,
    );
    expect(rows).toEqual([{ state: 'success', try_number: 1, output: { done: true } }]);
  });

  it('fails an attempt only once the database is back, heartbeating meanwhile, so an outage costs one try', async () => {
    await db.pool.query(`INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state)
      VALUES ('down', 'test', now(), 'manual', 'running')`);
    let ran = false;
    const task = recordTaskAttempts(async () => {
      ran = true;
      return {};
    });
    const env = new MockActivityEnvironment({ attempt: 1 }, quiet);
    let heartbeats = 0;
    env.on('heartbeat', () => heartbeats++);
    await proxy.cut();
    let settled = false;
    const attempt = env.run(task, context('down')).finally(() => (settled = true));
    while (heartbeats < 2 && !settled) await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false);

    await proxy.restore();
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(ran).toBe(false);
    const { rows } = await db.pool.query(`SELECT error FROM task_instances WHERE run_id = 'down'`);
    expect(rows).toHaveLength(0);
  });
});
