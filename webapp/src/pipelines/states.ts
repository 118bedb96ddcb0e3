import type { RunState, TaskState } from '../api/types';

/** Airflow's grid colours, so people who know Airflow read the grid at a glance; skipped also carries stripes. */
export const STATE_LABELS: Record<TaskState | RunState, string> = {
  scheduled: 'scheduled',
  running: 'running',
  success: 'success',
  failed: 'failed',
  skipped: 'skipped',
  upstream_failed: 'upstream failed',
};

export const STATE_ORDER: (TaskState | RunState)[] = [
  'success',
  'running',
  'scheduled',
  'failed',
  'upstream_failed',
  'skipped',
];

export const stateClass = (state: string | undefined) => `state-${state ?? 'none'}`;
