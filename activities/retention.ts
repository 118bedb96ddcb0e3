import { ApplicationFailure } from '@temporalio/common';
import { NON_RETRYABLE, type TaskContext } from '../core/dag/task';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The moment before which the retention DAG deletes: the run's logical time minus the configured
 * age. The logical time, not the clock: a run retried hours later deletes what its schedule meant
 * to, and never anything younger than the limit counted from when it was due.
 */
export function retentionCutoff(context: TaskContext, days: number): Date {
  const logical = Date.parse(context.logicalTime);
  if (!Number.isFinite(logical)) {
    throw ApplicationFailure.nonRetryable(
      `${context.taskId}: the run's logical time ${JSON.stringify(context.logicalTime)} is not a date`,
      NON_RETRYABLE.badConfig,
    );
  }
  return new Date(logical - days * DAY_MS);
}
