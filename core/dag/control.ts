import { type Client, ScheduleNotFoundError } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE } from '../config';
import type { DagRunInput, DagSpec } from './spec';

/** Operating DAGs through Temporal: shared by the worker, the CLI and the API. */

/**
 * A DAG's name in Temporal: its schedule's id, and the prefix of its runs' workflow ids. Deployments
 * that share a namespace on different task queues (staging beside prod) keep apart; the default
 * task queue keeps the plain DAG id.
 */
export function temporalDagId(dagId: string, taskQueue: string): string {
  return taskQueue === DEFAULT_TASK_QUEUE ? dagId : `${taskQueue}.${dagId}`;
}

export interface ScheduleState {
  paused: boolean;
  note: string | undefined;
  nextRunTimes: Date[];
}

/** Starts a manual run now; its id says so and carries the time (`<dag>-manual-<ISO time>`). */
export async function triggerRun(
  client: Client,
  taskQueue: string,
  dag: DagSpec,
  params: Record<string, unknown> = {},
  now: Date = new Date(),
): Promise<{ workflowId: string; temporalRunId: string }> {
  const input: DagRunInput = { dag, runType: 'manual', logicalTime: now.toISOString(), params };
  const workflowId = `${temporalDagId(dag.id, taskQueue)}-manual-${now.toISOString()}`;
  const handle = await client.workflow.start('dagRun', { args: [input], taskQueue, workflowId });
  return { workflowId, temporalRunId: handle.firstExecutionRunId };
}

/** The schedule's state, or undefined when the DAG has no registered schedule (yet). */
export async function scheduleState(
  client: Client,
  taskQueue: string,
  dagId: string,
): Promise<ScheduleState | undefined> {
  try {
    const description = await client.schedule.getHandle(temporalDagId(dagId, taskQueue)).describe();
    return {
      paused: description.state.paused,
      note: description.state.note,
      // A paused schedule still reports the times it would run at; it runs at none of them.
      nextRunTimes: description.state.paused ? [] : description.info.nextActionTimes.slice(0, 3),
    };
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    throw error;
  }
}

export async function setPaused(
  client: Client,
  taskQueue: string,
  dagId: string,
  paused: boolean,
  note: string,
): Promise<void> {
  const handle = client.schedule.getHandle(temporalDagId(dagId, taskQueue));
  await (paused ? handle.pause(note) : handle.unpause(note));
}
