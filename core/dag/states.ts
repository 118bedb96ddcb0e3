/** Task and run states, as Airflow users know them (pure data: workflow code imports it). */
export const TASK_STATES = [
  'scheduled',
  'running',
  'success',
  'failed',
  'skipped',
  'upstream_failed',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const RUN_STATES = ['running', 'success', 'failed', 'skipped'] as const;
export type RunState = (typeof RUN_STATES)[number];

export type RunType = 'scheduled' | 'manual' | 'backfill';

export const TERMINAL_TASK_STATES: readonly TaskState[] = ['success', 'failed', 'skipped', 'upstream_failed'];
