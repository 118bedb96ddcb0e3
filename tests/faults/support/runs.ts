import type pg from 'pg';
import { waitFor } from '../../../cli/runtime/ports';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** DAG runs started since `since`, by DAG and state, e.g. `{ 'ingestion success': 12 }`. */
export async function runsSince(pool: pg.Pool, since: number): Promise<Record<string, number>> {
  const { rows } = await pool.query(
    `SELECT dag_id || ' ' || state AS key, count(*)::int AS n FROM dag_runs
     WHERE started_at >= $1 GROUP BY 1 ORDER BY 1`,
    [new Date(since)],
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

/** The runs still running now, with their DAG. */
export async function runningRuns(pool: pg.Pool): Promise<{ run_id: string; dag_id: string }[]> {
  const { rows } = await pool.query(`SELECT run_id, dag_id FROM dag_runs WHERE state = 'running'`);
  return rows;
}

/** Waits until each run has ended; returns their final states. */
export async function waitForRunsToEnd(pool: pg.Pool, runIds: string[], timeoutMs = 180_000) {
  let states: { run_id: string; state: string; error: string | null }[] = [];
  await waitFor(
    `${runIds.length} runs to end`,
    async () => {
      ({ rows: states } = await pool.query(
        `SELECT run_id, state::text, error FROM dag_runs WHERE run_id = ANY($1::text[])`,
        [runIds],
      ));
      return states.every((s) => s.state !== 'running');
    },
    { timeoutMs, intervalMs: 1_000 },
  );
  return states;
}

/** When the first run of `dagId` that started after `since` ended successfully. */
export async function firstSuccessAfter(pool: pg.Pool, dagId: string, since: number, timeoutMs = 180_000) {
  let endedAt = 0;
  await waitFor(
    `a successful ${dagId} run after the fault`,
    async () => {
      const { rows } = await pool.query(
        `SELECT min(ended_at) AS ended FROM dag_runs
         WHERE dag_id = $1 AND state = 'success' AND ended_at >= $2`,
        [dagId, new Date(since)],
      );
      endedAt = rows[0].ended ? new Date(rows[0].ended).getTime() : 0;
      return endedAt > 0;
    },
    { timeoutMs, intervalMs: 500 },
  );
  return endedAt;
}
