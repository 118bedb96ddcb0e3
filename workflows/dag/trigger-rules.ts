import { TERMINAL_TASK_STATES, type TaskState } from '../../core/dag/states';
import type { TaskSpec } from './spec';

/** What happens to a waiting task, given its upstream tasks' states. */
export type Readiness = 'wait' | 'run' | 'skip' | 'upstream_failed';

const isFailed = (s: TaskState) => s === 'failed' || s === 'upstream_failed';

/** Airflow's trigger rules, applied once every upstream task has finished. */
export function readiness(task: TaskSpec, states: ReadonlyMap<string, TaskState>): Readiness {
  const upstream = task.upstream.map((id) => states.get(id) ?? 'scheduled');
  if (!upstream.every((s) => TERMINAL_TASK_STATES.includes(s))) return 'wait';
  switch (task.triggerRule) {
    case 'all_done':
      return 'run';
    case 'none_failed':
      return upstream.some(isFailed) ? 'upstream_failed' : 'run';
    case 'all_success':
      if (upstream.some(isFailed)) return 'upstream_failed';
      return upstream.every((s) => s === 'success') ? 'run' : 'skip';
  }
}
