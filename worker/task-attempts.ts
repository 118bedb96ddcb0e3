import { Context } from '@temporalio/activity';
import { activityDeps } from '../activities/deps';
import type { TaskActivity, TaskContext, TaskResult } from '../core/dag/task';
import { isDatabaseUnavailable } from '../core/db/unavailable';

const HEARTBEAT_MS = 5_000;

async function markRunning(context: TaskContext): Promise<void> {
  await activityDeps().db.pool.query(
    `INSERT INTO task_instances (run_id, task_id, state, try_number, started_at)
     VALUES ($1, $2, 'running', $3, now())
     ON CONFLICT (run_id, task_id) DO UPDATE SET state = 'running', try_number = $3, started_at = now(),
       ended_at = NULL, duration_ms = NULL`,
    [context.runId, context.taskId, context.tryNumber],
  );
}

async function markEnded(
  context: TaskContext,
  state: 'success' | 'skipped',
  result: TaskResult,
): Promise<void> {
  await activityDeps().db.pool.query(
    `UPDATE task_instances SET state = $3, ended_at = now(), error = $4, output = $5,
       duration_ms = EXTRACT(EPOCH FROM (now() - started_at)) * 1000
     WHERE run_id = $1 AND task_id = $2`,
    [
      context.runId,
      context.taskId,
      state,
      result.skip ?? null,
      result.output === undefined ? null : JSON.stringify(result.output),
    ],
  );
}

async function noteAttemptError(context: TaskContext, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await activityDeps().db.pool.query(
    `UPDATE task_instances SET error = $3, ended_at = now(),
       duration_ms = EXTRACT(EPOCH FROM (now() - started_at)) * 1000
     WHERE run_id = $1 AND task_id = $2`,
    [context.runId, context.taskId, `try ${context.tryNumber}: ${message}`],
  );
}

/**
 * Heartbeating, waits until Postgres answers again. An outage then costs a task one attempt, not
 * all of them in a row (retries of a few seconds each would run out long before a restart ends).
 */
async function waitForDatabase(activityContext: Context): Promise<void> {
  for (;;) {
    try {
      await activityDeps().db.pool.query('SELECT 1');
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) return;
    }
    activityContext.heartbeat();
    await activityContext.sleep(1_000);
  }
}

/**
 * Wraps a task activity so that each attempt is recorded in `task_instances` (running with its try
 * number, then success or skipped with its output and duration, or the attempt's error), and
 * heartbeats while the task works, so a worker killed mid-task is noticed within the task's
 * heartbeat timeout and the task retried on another worker. An attempt that failed because
 * Postgres is away waits for it before failing. The executor records final failures.
 */
export function recordTaskAttempts(activity: TaskActivity): TaskActivity {
  return async (input) => {
    const activityContext = Context.current();
    const context: TaskContext = { ...input, tryNumber: activityContext.info.attempt };
    const beat = setInterval(() => activityContext.heartbeat(), HEARTBEAT_MS);
    try {
      await markRunning(context);
      const result = await activity(context);
      await markEnded(context, result.skip === undefined ? 'success' : 'skipped', result);
      return result;
    } catch (error) {
      if (isDatabaseUnavailable(error)) await waitForDatabase(activityContext);
      await noteAttemptError(context, error).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(beat);
    }
  };
}
