import { type Client, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { ScheduleOptions } from '@temporalio/client';
import { temporalDagId } from '../core/dag/control';
import type { DagRunInput, DagSpec } from '../core/dag/spec';

function scheduleOptions(dag: DagSpec, taskQueue: string) {
  if (!dag.schedule) throw new Error(`DAG ${dag.id} has no schedule`);
  const input: DagRunInput = { dag };
  return {
    scheduleId: temporalDagId(dag.id, taskQueue),
    spec: { intervals: [{ every: dag.schedule.every }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'dagRun',
      args: [input],
      taskQueue,
      workflowId: temporalDagId(dag.id, taskQueue),
    },
    policies: {
      // One run per interval at a time; a run still going when the next is due makes that one skip,
      // and after an outage only runs up to one interval late are caught up (Airflow's catchup=False).
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: dag.schedule.every,
      pauseOnFailure: false,
    },
  } satisfies ScheduleOptions;
}

/**
 * Creates each DAG's Temporal Schedule, or updates it to the current definition while keeping its
 * state (a paused DAG stays paused). Safe to run on every worker start, by any number of workers.
 */
export async function ensureSchedules(
  client: Client,
  dags: readonly DagSpec[],
  taskQueue: string,
): Promise<string[]> {
  const changed: string[] = [];
  for (const dag of dags.filter((d) => d.schedule)) {
    const options = scheduleOptions(dag, taskQueue);
    const handle = client.schedule.getHandle(options.scheduleId);
    try {
      await handle.update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        policies: options.policies,
      }));
      changed.push(`${dag.id} (updated)`);
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      try {
        await client.schedule.create(options);
        changed.push(`${dag.id} (created)`);
      } catch (createError) {
        // Another worker created it in between: fine, it is the same schedule.
        if (!(createError instanceof Error && createError.name === 'ScheduleAlreadyRunning'))
          throw createError;
      }
    }
  }
  return changed;
}
