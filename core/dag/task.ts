/**
 * The contract between the DAG runtime (workflows/) and the activities that do each task's work.
 * Pure types: workflow code imports this file too.
 *
 * Every task activity has the same shape, `(context: TaskContext) => Promise<TaskResult>`, so the
 * runtime can run any task of any DAG by its activity name.
 */
import type { RunType } from './states';

export interface TaskContext {
  dagId: string;
  /** scheduled, manual or backfill: a backfill run takes only the data of its own interval. */
  runType: RunType;
  /** The DAG run's id (its Temporal workflow id), e.g. `ingestion__2026-11-28T23:40:00.000Z`. */
  runId: string;
  /** The start of the interval this run covers (ISO 8601); a backfill sets it in the past. */
  logicalTime: string;
  /** The end of the interval (the next scheduled time), ISO 8601. */
  intervalEnd: string;
  taskId: string;
  /** 1 on the first attempt, 2 on the first retry, … (Temporal's attempt number). */
  tryNumber: number;
  /** The run's configuration (e.g. given to `contrail dags trigger --conf`). Small JSON only. */
  params: Record<string, unknown>;
  /** The output of every upstream task that succeeded, by task id. Small JSON only: pass file paths, not rows. */
  upstream: Record<string, unknown>;
}

export interface TaskResult<Output = unknown> {
  /** Small JSON handed to downstream tasks and stored with the task instance. */
  output?: Output;
  /**
   * Short-circuit: this task ends as `skipped`, everything downstream of it is skipped, and the run
   * ends as `skipped` (not success) unless some other branch fails.
   */
  skip?: string;
}

export type TaskActivity = (context: TaskContext) => Promise<TaskResult>;

/** Error types a task activity throws (as ApplicationFailure.nonRetryable) for failures a retry cannot fix. */
export const NON_RETRYABLE = { badData: 'BadData', badConfig: 'BadConfig' } as const;
