import type { TaskContext, TaskResult } from '../core/dag/task';
import { activityDeps } from './deps';
import { retentionCutoff } from './retention';

/**
 * Task `prune-dag-runs`: deletes the records of DAG runs that ended before the cutoff (their task
 * instances go with them). A run still going is kept whatever its age, and so are the statistics,
 * issues, alerts and predictions the runs produced: they are keyed on the run id, not tied to it.
 */
export async function pruneDagRuns(
  context: TaskContext,
): Promise<TaskResult<{ deleted: number; olderThan: string }>> {
  const { config, db } = activityDeps();
  const cutoff = retentionCutoff(context, config.retention.days);
  const { rowCount } = await db.pool.query(
    `DELETE FROM dag_runs WHERE state <> 'running' AND COALESCE(ended_at, started_at) < $1`,
    [cutoff],
  );
  return { output: { deleted: rowCount ?? 0, olderThan: cutoff.toISOString() } };
}
