/**
 * The shapes of the API's answers this app reads (the API's zod schemas are the source: see
 * api/predict-schemas.ts, api/past-predictions-schemas.ts and api/dags.ts). Kept here rather than
 * imported so browser code never reaches into the server's modules.
 */

export interface RowIssue {
  field: string | null;
  message: string;
}

export interface PredictedRow {
  index: number;
  features: Record<string, unknown>;
  prediction?: number | null;
  error?: { message: string; issues: RowIssue[] };
}

export interface PredictResponse {
  requestId: string;
  modelVersion: string;
  source: 'webapp' | 'scheduled';
  predicted: number;
  rejected: number;
  replayed: boolean;
  /** One per row sent, in order; refused rows are answers too (the status stays 200). */
  results: PredictedRow[];
}

export type PredictionSource = 'webapp' | 'scheduled';

export interface StoredPrediction {
  id: string;
  requestId: string;
  rowIndex: number;
  source: PredictionSource;
  modelVersion: string;
  fileName: string | null;
  createdAt: string;
  features: Record<string, unknown>;
  prediction: number;
}

export interface PastPredictionsPage {
  predictions: StoredPrediction[];
  nextCursor: string | null;
}

export type TaskState = 'scheduled' | 'running' | 'success' | 'failed' | 'skipped' | 'upstream_failed';
export type RunState = 'running' | 'success' | 'failed' | 'skipped';

export interface RunSummary {
  runId: string;
  dagId: string;
  logicalTime: string;
  runType: string;
  state: RunState;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  error: string | null;
  temporalRunId: string | null;
}

export interface Dag {
  id: string;
  description: string;
  schedule: string | null;
  paused: boolean | null;
  nextRunTimes: string[];
  tasks: { id: string; upstream: string[]; triggerRule: string }[];
  latestRun: RunSummary | null;
  temporalUrl: string;
}

export interface RunGrid {
  dagId: string;
  taskIds: string[];
  runs: (RunSummary & { tasks: Record<string, TaskState> })[];
}

export interface TaskInstance {
  taskId: string;
  state: TaskState;
  tryNumber: number;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  error: string | null;
  output: unknown;
}

export interface RunDetail extends RunSummary {
  tasks: TaskInstance[];
  temporalUrl: string;
}
