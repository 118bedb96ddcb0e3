import { ApplicationFailure } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import {
  ActivityFailure,
  patched,
  proxyActivities,
  proxyLocalActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { TaskDecision } from '../../activities/record-dag-run';
import type { RunState, RunType, TaskState } from '../../core/dag/states';
import type { TaskContext, TaskResult } from '../../core/dag/task';
import { NON_RETRYABLE } from '../../core/dag/task';
import {
  DAG_ID,
  DAG_RUN_STATUS,
  LOGICAL_TIME,
  TEMPORAL_SCHEDULED_START_TIME,
} from '../../core/temporal/search-attributes';
import type { DagRunInput as CoreDagRunInput } from '../../core/dag/spec';
import { descendants, type TaskActivityName, type TaskSpec } from './spec';
import { readiness } from './trigger-rules';

export type DagRunInput = CoreDagRunInput<TaskActivityName>;

export interface DagRunResult {
  runId: string;
  state: RunState;
  tasks: Record<string, TaskState>;
}

// Bookkeeping writes run in the worker itself (no task-queue round trip) and are retried for as
// long as Postgres is away: a run waits for its database rather than losing its states.
const bookkeeping = proxyLocalActivities<typeof activities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

// A failure alert must not turn into a second failure: a few tries, then the run's own error stands.
const alerting = proxyActivities<typeof activities>({
  startToCloseTimeout: '2m',
  retry: { maximumAttempts: 3, initialInterval: '2s' },
});

function errorMessage(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

function runTask(task: TaskSpec, context: TaskContext): Promise<TaskResult> {
  const { options } = task;
  const proxy = proxyActivities<typeof activities>({
    startToCloseTimeout: options.timeout,
    heartbeatTimeout: options.heartbeatTimeout,
    retry: {
      maximumAttempts: options.retries + 1,
      initialInterval: options.retryDelay,
      maximumInterval: options.maxRetryDelay,
      backoffCoefficient: 2,
      nonRetryableErrorTypes: Object.values(NON_RETRYABLE),
    },
  });
  // Every name in TaskActivityName has the task shape; the cast only widens the union of them.
  const activity = proxy[task.activity] as unknown as (context: TaskContext) => Promise<TaskResult>;
  return activity(context);
}

function runTypeOf(
  input: DagRunInput,
  scheduled: Date | undefined,
  startTime: Date,
  intervalMs: number,
): RunType {
  if (input.runType) return input.runType;
  if (!scheduled) return 'manual';
  // A Schedule's backfill starts runs long after their scheduled time.
  return startTime.getTime() - scheduled.getTime() > Math.max(intervalMs, 60_000) ? 'backfill' : 'scheduled';
}

/**
 * Runs any DAG: each task starts as soon as its trigger rule allows, independent tasks run in
 * parallel, and every state change lands in Postgres and in the run's search attributes.
 */
export async function dagRun(input: DagRunInput): Promise<DagRunResult> {
  const { dag } = input;
  const info = workflowInfo();
  const runId = info.workflowId;
  const scheduled = info.typedSearchAttributes.get(TEMPORAL_SCHEDULED_START_TIME);
  const intervalMs = dag.schedule ? msToNumber(dag.schedule.every) : 0;
  const logicalTime = input.logicalTime ? new Date(input.logicalTime) : (scheduled ?? info.startTime);
  const runType = runTypeOf(input, scheduled, info.startTime, intervalMs);

  upsertSearchAttributes([
    { key: DAG_ID, value: dag.id },
    { key: LOGICAL_TIME, value: logicalTime },
    { key: DAG_RUN_STATUS, value: 'running' },
  ]);
  await bookkeeping.recordRunStarted({
    runId,
    temporalRunId: info.runId,
    dagId: dag.id,
    logicalTime: logicalTime.toISOString(),
    runType,
    taskIds: dag.tasks.map((t) => t.id),
  });

  const states = new Map<string, TaskState>(dag.tasks.map((t) => [t.id, 'scheduled']));
  const outputs: Record<string, unknown> = {};
  const errors: string[] = [];
  let firstFailedTask: string | undefined;
  let shortCircuited = false;
  const running = new Map<string, Promise<TaskDecision[]>>();

  const start = (task: TaskSpec) => {
    states.set(task.id, 'running');
    const context: TaskContext = {
      dagId: dag.id,
      runType,
      runId,
      logicalTime: logicalTime.toISOString(),
      intervalEnd: new Date(logicalTime.getTime() + intervalMs).toISOString(),
      taskId: task.id,
      tryNumber: 1,
      params: input.params ?? {},
      upstream: Object.fromEntries(
        task.upstream.filter((id) => id in outputs).map((id) => [id, outputs[id]]),
      ),
    };
    const settle = runTask(task, context).then(
      (result): TaskDecision[] => {
        if (result.skip === undefined) {
          states.set(task.id, 'success');
          outputs[task.id] = result.output;
          return [];
        }
        // Short-circuit: the task is recorded as skipped by its own attempt; its descendants here.
        shortCircuited = true;
        states.set(task.id, 'skipped');
        const below = [...descendants(dag, task.id)].filter((id) => states.get(id) === 'scheduled');
        for (const id of below) states.set(id, 'skipped');
        return below.map((taskId) => ({
          taskId,
          state: 'skipped',
          error: `skipped: ${task.id} short-circuited the run`,
        }));
      },
      (error: unknown): TaskDecision[] => {
        states.set(task.id, 'failed');
        firstFailedTask ??= task.id;
        const message = errorMessage(error);
        errors.push(`${task.id}: ${message}`);
        return [{ taskId: task.id, state: 'failed', error: message }];
      },
    );
    running.set(task.id, settle);
  };

  let decisions: TaskDecision[] = [];
  for (;;) {
    for (let progressed = true; progressed;) {
      progressed = false;
      for (const task of dag.tasks) {
        if (states.get(task.id) !== 'scheduled') continue;
        const next = readiness(task, states);
        if (next === 'wait') continue;
        progressed = true;
        if (next === 'run') start(task);
        else {
          states.set(task.id, next === 'skip' ? 'skipped' : 'upstream_failed');
          decisions.push({ taskId: task.id, state: next === 'skip' ? 'skipped' : 'upstream_failed' });
        }
      }
    }
    if (decisions.length > 0) await bookkeeping.recordTaskDecisions({ runId, decisions });
    decisions = [];
    if (running.size === 0) break;
    const [finishedId, finished] = await Promise.race(
      [...running].map(([id, settle]) => settle.then((d) => [id, d] as const)),
    );
    running.delete(finishedId);
    decisions.push(...finished);
  }

  const all = [...states.values()];
  const state: RunState = all.some((s) => s === 'failed' || s === 'upstream_failed')
    ? 'failed'
    : shortCircuited || all.every((s) => s === 'skipped')
      ? 'skipped'
      : 'success';
  const error = errors.length > 0 ? errors.join('; ') : undefined;
  await bookkeeping.recordRunEnded({ runId, state, ...(error ? { error } : {}) });
  upsertSearchAttributes([{ key: DAG_RUN_STATUS, value: state }]);

  if (state === 'failed') {
    // Runs a person started report their failure to that person; the rest alert on-call. Runs
    // already in flight when this shipped replay without the alert (the patch marker).
    if (runType !== 'manual' && patched('run-failure-alert')) {
      await alerting
        .sendRunFailureAlert({
          dagId: dag.id,
          runId,
          temporalRunId: info.runId,
          ...(firstFailedTask ? { taskId: firstFailedTask } : {}),
          error: error ?? 'unknown error',
        })
        .catch(() => undefined);
    }
    throw ApplicationFailure.nonRetryable(`DAG run ${runId} failed: ${error}`, 'DagRunFailed');
  }
  return { runId, state, tasks: Object.fromEntries(states) };
}
