import crypto from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import * as activities from '../activities';
import { configureActivities } from '../activities/deps';
import { loadConfig } from '../core/config';
import { temporalDagId } from '../core/dag/control';
import type { TaskContext, TaskResult } from '../core/dag/task';
import { waitFor } from '../cli/runtime/ports';
import { createTestDatabase, type TestDatabase } from '../tests/support/database';
import { startTestWorker, type TestWorker } from '../tests/support/temporal';
import { dag, type TaskActivityName } from '../workflows/dag/spec';
import { ensureSchedules } from './schedules';
import { recordTaskAttempts } from './task-attempts';

async function echo(context: TaskContext): Promise<TaskResult> {
  return { output: { logicalTime: context.logicalTime, intervalEnd: context.intervalEnd } };
}

describe('DAG schedules', () => {
  let db: TestDatabase;
  let worker: TestWorker;
  const id = `sched-${crypto.randomBytes(4).toString('hex')}`;
  const spec = dag({
    id,
    description: 'scheduled test DAG',
    schedule: { every: '1h' },
    tasks: { only: { activity: 'echo' as TaskActivityName } },
  });

  // Not the default task queue: the schedule's id carries the queue, as for staging beside prod.
  const scheduleIdOf = () => temporalDagId(id, worker.taskQueue);

  beforeAll(async () => {
    db = await createTestDatabase();
    configureActivities({ config: loadConfig({}), db });
    worker = await startTestWorker({ ...activities, echo: recordTaskAttempts(echo) });
  });
  afterAll(async () => {
    await worker.client.schedule
      .getHandle(scheduleIdOf())
      .delete()
      .catch(() => undefined);
    await worker?.stop();
    await db?.drop();
  });

  it('creates the schedule once, then updates it in place and keeps it paused', async () => {
    expect(await ensureSchedules(worker.client, [spec], worker.taskQueue)).toEqual([`${id} (created)`]);
    expect(scheduleIdOf()).toBe(`${worker.taskQueue}.${id}`);
    const handle = worker.client.schedule.getHandle(scheduleIdOf());
    await handle.pause('operator paused it');
    expect(await ensureSchedules(worker.client, [spec], worker.taskQueue)).toEqual([`${id} (updated)`]);
    const description = await handle.describe();
    expect(description.state.paused).toBe(true);
    expect(description.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(description.spec.intervals?.map((i) => i.every)).toEqual([3_600_000]);
    await handle.unpause();
  });

  it('runs a triggered run as scheduled, with its id and logical time from the schedule', async () => {
    const handle = worker.client.schedule.getHandle(scheduleIdOf());
    const before = Date.now();
    await handle.trigger();
    const { rows } = await waitForRuns(1);
    const [run] = rows;
    expect(run.run_id.startsWith(`${worker.taskQueue}.${id}-`)).toBe(true);
    expect(run.run_type).toBe('scheduled');
    expect(run.logical_time.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(run.state).toBe('success');
  });

  it('marks runs a backfill starts for past intervals as backfill runs, one per interval', async () => {
    const handle = worker.client.schedule.getHandle(scheduleIdOf());
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 24 * 3_600_000);
    const start = new Date(end.getTime() - 3 * 3_600_000);
    await handle.backfill({ start, end, overlap: ScheduleOverlapPolicy.ALLOW_ALL });
    const { rows } = await waitForRuns(4, `AND run_type = 'backfill'`, 3);
    const times = rows.map((r) => r.logical_time.toISOString()).sort();
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(new Set(times).size).toBe(times.length);
    for (const time of times) expect(new Date(time).getTime() % 3_600_000).toBe(0);
    expect(rows.every((r) => r.state === 'success')).toBe(true);
    const task = await db.pool.query(`SELECT output FROM task_instances WHERE run_id = $1`, [rows[0].run_id]);
    const { logicalTime, intervalEnd } = task.rows[0].output;
    expect(new Date(intervalEnd).getTime() - new Date(logicalTime).getTime()).toBe(3_600_000);
  });

  async function waitForRuns(total: number, extra = '', atLeast = total) {
    let result = await db.pool.query(
      `SELECT * FROM dag_runs WHERE dag_id = $1 ${extra} AND state <> 'running'`,
      [id],
    );
    await waitFor(
      `${atLeast} finished runs of ${id}`,
      async () => {
        result = await db.pool.query(
          `SELECT * FROM dag_runs WHERE dag_id = $1 ${extra} AND state <> 'running'`,
          [id],
        );
        return result.rows.length >= atLeast;
      },
      { timeoutMs: 30_000 },
    );
    return result;
  }
});
