import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { configureActivities } from '../../activities/deps';
import * as activities from '../../activities';
import { loadConfig } from '../../core/config';
import type { TaskContext, TaskResult } from '../../core/dag/task';
import { DAG_RUN_STATUS } from '../../core/temporal/search-attributes';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { startTestWorker, type TestWorker } from '../../tests/support/temporal';
import { recordTaskAttempts } from '../../worker/task-attempts';
import { dagRun } from '../index';
import { dag, type TaskActivityName, type TaskDeclaration } from './spec';

/** What the test task does, by task id, taken from the run's params. */
interface Behaviour {
  sleepMs?: number;
  /** Fail this many attempts (retryably) before succeeding. */
  failTries?: number;
  badData?: boolean;
  skip?: string;
  output?: unknown;
}

async function testTask(context: TaskContext): Promise<TaskResult> {
  const behaviour = (context.params[context.taskId] ?? {}) as Behaviour;
  if (behaviour.sleepMs) await new Promise((r) => setTimeout(r, behaviour.sleepMs));
  if (behaviour.badData) throw ApplicationFailure.nonRetryable(`bad rows in ${context.taskId}`, 'BadData');
  if (behaviour.failTries && context.tryNumber <= behaviour.failTries)
    throw new Error(`flaky, try ${context.tryNumber}`);
  if (behaviour.skip) return { skip: behaviour.skip };
  return { output: behaviour.output ?? { task: context.taskId, upstream: context.upstream } };
}

const task = (upstream: string[] = [], extra: Partial<TaskDeclaration> = {}): TaskDeclaration => ({
  activity: 'testTask' as TaskActivityName,
  upstream,
  options: { retries: 2, retryDelay: '100ms', maxRetryDelay: '200ms', timeout: '30s' },
  ...extra,
});

/** extract >> validate >> [save, alert, split] >> report(all_done) */
const fanOut = dag({
  id: 'fan-out',
  description: 'a test DAG',
  schedule: { every: '1m' },
  tasks: {
    extract: task(),
    validate: task(['extract']),
    save: task(['validate']),
    alert: task(['validate']),
    split: task(['validate']),
    report: task(['save', 'alert', 'split'], { triggerRule: 'all_done' }),
  },
});

describe('the DAG executor', () => {
  let db: TestDatabase;
  let worker: TestWorker;
  beforeAll(async () => {
    db = await createTestDatabase();
    configureActivities({ config: loadConfig({}), db });
    worker = await startTestWorker({ ...activities, testTask: recordTaskAttempts(testTask) });
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.drop();
  });

  let counter = 0;
  async function run(params: Record<string, Behaviour> = {}, spec = fanOut) {
    const workflowId = `${spec.id}-test-${++counter}-${Date.now()}`;
    const handle = await worker.client.workflow.start(dagRun, {
      args: [{ dag: spec, runType: 'manual', params: params as Record<string, unknown> }],
      taskQueue: worker.taskQueue,
      workflowId,
    });
    const outcome = await handle.result().catch((error: unknown) => error);
    const tasks = await db.pool.query(
      `SELECT task_id, state, try_number, error, output, started_at, ended_at FROM task_instances WHERE run_id = $1`,
      [workflowId],
    );
    const runRow = await db.pool.query(`SELECT * FROM dag_runs WHERE run_id = $1`, [workflowId]);
    const byTask = Object.fromEntries(tasks.rows.map((r) => [r.task_id, r]));
    const states = Object.fromEntries(tasks.rows.map((r) => [r.task_id, r.state]));
    return { workflowId, handle, outcome, run: runRow.rows[0], byTask, states };
  }

  it('runs every task once its upstreams succeed, independent ones in parallel, and records it all', async () => {
    const {
      outcome,
      run: dagRunRow,
      states,
      byTask,
    } = await run({
      save: { sleepMs: 600 },
      alert: { sleepMs: 600 },
      split: { sleepMs: 600 },
      extract: { output: { file: 'raw-data/a.csv' } },
    });
    expect(outcome).toMatchObject({ state: 'success' });
    expect(dagRunRow).toMatchObject({ dag_id: 'fan-out', state: 'success', run_type: 'manual' });
    expect(dagRunRow.ended_at).not.toBeNull();
    expect(new Set(Object.values(states))).toEqual(new Set(['success']));
    expect(Object.keys(states).sort()).toEqual(['alert', 'extract', 'report', 'save', 'split', 'validate']);
    // The three middle tasks overlap: each started before any of the others ended.
    const middle = ['save', 'alert', 'split'].map((id) => byTask[id]);
    const latestStart = Math.max(...middle.map((t) => t.started_at.getTime()));
    const earliestEnd = Math.min(...middle.map((t) => t.ended_at.getTime()));
    expect(latestStart).toBeLessThan(earliestEnd);
    // Downstream tasks receive their upstreams' outputs.
    expect(byTask.validate.output).toEqual({
      task: 'validate',
      upstream: { extract: { file: 'raw-data/a.csv' } },
    });
  });

  it('ends the whole run as skipped when a task short-circuits, skipping everything below it', async () => {
    const {
      workflowId,
      outcome,
      run: dagRunRow,
      states,
      byTask,
    } = await run({ extract: { skip: 'raw-data is empty' } });
    expect(outcome).toMatchObject({ state: 'skipped' });
    expect(dagRunRow.state).toBe('skipped');
    expect(states).toEqual({
      extract: 'skipped',
      validate: 'skipped',
      save: 'skipped',
      alert: 'skipped',
      split: 'skipped',
      report: 'skipped',
    });
    expect(byTask.extract.error).toBe('raw-data is empty');
    const description = await worker.client.workflow.getHandle(workflowId).describe();
    expect(description.typedSearchAttributes.get(DAG_RUN_STATUS)).toBe('skipped');
  });

  it('finds skipped runs through the DagRunStatus search attribute, as the Web UI filter does', async () => {
    const { workflowId } = await run({ extract: { skip: 'nothing new' } });
    const found = async () => {
      for await (const execution of worker.client.workflow.list({
        query: `DagRunStatus = "skipped" AND WorkflowId = "${workflowId}"`,
      })) {
        return execution.workflowId;
      }
      return undefined;
    };
    const deadline = Date.now() + 20_000;
    let id = await found();
    while (!id && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      id = await found();
    }
    expect(id).toBe(workflowId);
  });

  it('retries a failing task with backoff and records the try that succeeded', async () => {
    const { outcome, byTask } = await run({ validate: { failTries: 2 } });
    expect(outcome).toMatchObject({ state: 'success' });
    expect(byTask.validate).toMatchObject({ state: 'success', try_number: 3 });
  });

  it('fails a bad-data task at once, marks its dependants upstream_failed, still runs all_done tasks, and fails the run', async () => {
    const { outcome, run: dagRunRow, states, byTask } = await run({ save: { badData: true } });
    expect(outcome).toBeInstanceOf(WorkflowFailedError);
    expect(states).toMatchObject({
      extract: 'success',
      validate: 'success',
      save: 'failed',
      alert: 'success',
      split: 'success',
      report: 'success',
    });
    expect(byTask.save).toMatchObject({ try_number: 1, error: 'bad rows in save' });
    expect(dagRunRow).toMatchObject({ state: 'failed', error: 'save: bad rows in save' });

    const chain = dag({
      id: 'chain',
      description: 'a -> b -> c, and d(none_failed) after b',
      schedule: null,
      tasks: { a: task(), b: task(['a']), c: task(['b']), d: task(['b'], { triggerRule: 'none_failed' }) },
    });
    const second = await run({ a: { badData: true } }, chain);
    expect(second.states).toEqual({
      a: 'failed',
      b: 'upstream_failed',
      c: 'upstream_failed',
      d: 'upstream_failed',
    });
    expect(second.run.state).toBe('failed');
  });

  it("gives up after the task's retries and fails the run with the last error", async () => {
    const { outcome, states, byTask } = await run({ extract: { failTries: 10 } });
    expect(outcome).toBeInstanceOf(WorkflowFailedError);
    expect(states.extract).toBe('failed');
    expect(byTask.extract.try_number).toBe(3);
    expect(byTask.extract.error).toBe('flaky, try 3');
    expect(states.validate).toBe('upstream_failed');
  });

  it('starts a rerun of the same run id afresh', async () => {
    const first = await run({ split: { badData: true } });
    expect(first.run.state).toBe('failed');
    const handle = await worker.client.workflow.start(dagRun, {
      args: [{ dag: fanOut, runType: 'manual', params: {} }],
      taskQueue: worker.taskQueue,
      workflowId: first.workflowId,
    });
    await handle.result();
    const { rows } = await db.pool.query(`SELECT task_id, state FROM task_instances WHERE run_id = $1`, [
      first.workflowId,
    ]);
    expect(rows.every((r) => r.state === 'success')).toBe(true);
    const { rows: runs } = await db.pool.query(`SELECT state, error FROM dag_runs WHERE run_id = $1`, [
      first.workflowId,
    ]);
    expect(runs).toEqual([{ state: 'success', error: null }]);
  });
});
