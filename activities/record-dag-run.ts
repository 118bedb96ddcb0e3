import type { RunState, RunType, TaskState } from '../core/dag/states';
import { activityDeps } from './deps';

/**
 * Bookkeeping of DAG runs in Postgres, run as local activities by the DAG executor: the run when it
 * starts and ends, and the tasks the executor decides about without running them (skipped,
 * upstream_failed, or failed for good). Task attempts themselves are recorded by the worker's
 * task wrapper (worker/task-attempts.ts). Every write is an upsert: a retried call changes nothing.
 */

export interface RunStarted {
  runId: string;
  temporalRunId: string;
  dagId: string;
  logicalTime: string;
  runType: RunType;
  taskIds: string[];
}

export async function recordRunStarted(run: RunStarted): Promise<void> {
  const { db } = activityDeps();
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const previous = await client.query<{ temporal_run_id: string | null }>(
      'SELECT temporal_run_id FROM dag_runs WHERE run_id = $1 FOR UPDATE',
      [run.runId],
    );
    // The same execution calling again (a retried local activity) has nothing left to do.
    if (previous.rows[0]?.temporal_run_id !== run.temporalRunId) {
      await client.query(
        `INSERT INTO dag_runs (run_id, dag_id, logical_time, run_type, state, temporal_run_id, started_at)
         VALUES ($1, $2, $3, $4, 'running', $5, now())
         ON CONFLICT (run_id) DO UPDATE SET state = 'running', temporal_run_id = EXCLUDED.temporal_run_id,
           run_type = EXCLUDED.run_type, started_at = now(), ended_at = NULL, error = NULL`,
        [run.runId, run.dagId, run.logicalTime, run.runType, run.temporalRunId],
      );
      // A rerun of the same interval (same run id, new execution) starts its tasks afresh.
      await client.query(
        `INSERT INTO task_instances (run_id, task_id, state)
         SELECT $1, unnest($2::text[]), 'scheduled'
         ON CONFLICT (run_id, task_id) DO UPDATE SET state = 'scheduled', started_at = NULL,
           ended_at = NULL, duration_ms = NULL, error = NULL, output = NULL`,
        [run.runId, run.taskIds],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface TaskDecision {
  taskId: string;
  state: Extract<TaskState, 'skipped' | 'upstream_failed' | 'failed'>;
  error?: string;
}

export async function recordTaskDecisions(input: {
  runId: string;
  decisions: TaskDecision[];
}): Promise<void> {
  if (input.decisions.length === 0) return;
  const { db } = activityDeps();
  await db.pool.query(
    `UPDATE task_instances t SET state = d.state::task_state, error = COALESCE(d.error, t.error),
       ended_at = COALESCE(t.ended_at, now()),
       duration_ms = CASE WHEN t.started_at IS NULL THEN t.duration_ms
         ELSE EXTRACT(EPOCH FROM (COALESCE(t.ended_at, now()) - t.started_at)) * 1000 END
     FROM unnest($2::text[], $3::text[], $4::text[]) AS d(task_id, state, error)
     WHERE t.run_id = $1 AND t.task_id = d.task_id`,
    [
      input.runId,
      input.decisions.map((d) => d.taskId),
      input.decisions.map((d) => d.state),
      input.decisions.map((d) => d.error ?? null),
    ],
  );
}

export async function recordRunEnded(input: {
  runId: string;
  state: RunState;
  error?: string;
}): Promise<void> {
  const { db } = activityDeps();
  await db.pool.query(`UPDATE dag_runs SET state = $2, ended_at = now(), error = $3 WHERE run_id = $1`, [
    input.runId,
    input.state,
    input.error ?? null,
  ]);
}
