import type { Database } from '../db/client';
import type { RunState, TaskState } from './states';

/** DAG runs and their task instances as stored by the runtime: read by the CLI, the API and the web app. */

export interface RunSummary {
  runId: string;
  dagId: string;
  logicalTime: Date;
  runType: string;
  state: RunState;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  error: string | null;
  temporalRunId: string | null;
}

export interface TaskInstanceRow {
  taskId: string;
  state: TaskState;
  tryNumber: number;
  startedAt: Date | null;
  endedAt: Date | null;
  durationMs: number | null;
  error: string | null;
  output: unknown;
}

export interface RunFilter {
  dagId?: string;
  state?: RunState;
  limit?: number;
}

const RUN_COLUMNS = `run_id AS "runId", dag_id AS "dagId", logical_time AS "logicalTime", run_type AS "runType",
  state, started_at AS "startedAt", ended_at AS "endedAt", temporal_run_id AS "temporalRunId", error,
  EXTRACT(EPOCH FROM (ended_at - started_at)) * 1000 AS "durationMs"`;

export async function listRuns(db: Database, filter: RunFilter = {}): Promise<RunSummary[]> {
  const { rows } = await db.pool.query<RunSummary>(
    `SELECT ${RUN_COLUMNS} FROM dag_runs
     WHERE ($1::text IS NULL OR dag_id = $1) AND ($2::run_state IS NULL OR state = $2)
     ORDER BY logical_time DESC, started_at DESC LIMIT $3`,
    [filter.dagId ?? null, filter.state ?? null, filter.limit ?? 25],
  );
  return rows.map((r) => ({ ...r, durationMs: r.durationMs === null ? null : Number(r.durationMs) }));
}

export async function getRun(
  db: Database,
  runId: string,
): Promise<(RunSummary & { tasks: TaskInstanceRow[] }) | undefined> {
  const { rows } = await db.pool.query<RunSummary>(`SELECT ${RUN_COLUMNS} FROM dag_runs WHERE run_id = $1`, [
    runId,
  ]);
  const run = rows[0];
  if (!run) return undefined;
  const tasks = await db.pool.query<TaskInstanceRow>(
    `SELECT task_id AS "taskId", state, try_number AS "tryNumber", started_at AS "startedAt", ended_at AS "endedAt",
       duration_ms AS "durationMs", error, output
     FROM task_instances WHERE run_id = $1 ORDER BY started_at NULLS LAST, task_id`,
    [runId],
  );
  return { ...run, durationMs: run.durationMs === null ? null : Number(run.durationMs), tasks: tasks.rows };
}

/** The latest run of each DAG. */
export async function latestRuns(db: Database): Promise<Map<string, RunSummary>> {
  const { rows } = await db.pool.query<RunSummary>(
    `SELECT DISTINCT ON (dag_id) ${RUN_COLUMNS} FROM dag_runs ORDER BY dag_id, logical_time DESC, started_at DESC`,
  );
  return new Map(
    rows.map((r) => [r.dagId, { ...r, durationMs: r.durationMs === null ? null : Number(r.durationMs) }]),
  );
}
