/** The shape of a declared DAG (pure data: workflow code, the API and the CLI all read it). */

/** When a task runs, given its upstream tasks' states (Airflow's names). */
export type TriggerRule = 'all_success' | 'all_done' | 'none_failed';

/** A duration Temporal understands: '30s', '5m', '1h', or milliseconds. */
export type Duration = string | number;

export interface TaskOptions {
  /** Retries after the first attempt (bad data is never retried: it fails non-retryably). */
  retries: number;
  /** Wait before the first retry; each later wait doubles, up to `maxRetryDelay`. */
  retryDelay: Duration;
  maxRetryDelay: Duration;
  /** Longest one attempt may take. */
  timeout: Duration;
  /** A worker that dies mid-task is noticed after this long, and the task retried elsewhere. */
  heartbeatTimeout: Duration;
}

export interface TaskSpec<Activity extends string = string> {
  id: string;
  activity: Activity;
  upstream: readonly string[];
  triggerRule: TriggerRule;
  options: TaskOptions;
}

export interface DagSpec<Activity extends string = string> {
  id: string;
  description: string;
  /** How often a run starts, e.g. '1m', '2m', '7d'; each run covers one such interval. */
  schedule: { every: Duration } | null;
  tasks: readonly TaskSpec<Activity>[];
}

/** The input of one DAG run (the `dagRun` workflow). */
export interface DagRunInput<Activity extends string = string> {
  dag: DagSpec<Activity>;
  /** Manual and backfill runs say so; a run started by a Schedule is `scheduled` (or `backfill` when late). */
  runType?: 'scheduled' | 'manual' | 'backfill';
  /** The interval's start; runs started by a Schedule take Temporal's scheduled time. */
  logicalTime?: string;
  params?: Record<string, unknown>;
}
