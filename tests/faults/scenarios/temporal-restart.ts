import type { Flow } from '../support/flow';
import { runningRuns, seconds, waitForRunsToEnd } from '../support/runs';
import { waitFor } from '../../../cli/runtime/ports';

/**
 * Restarts the Temporal dev server (SIGTERM, then a new server on the same SQLite file) under the
 * flow: the runs it held must finish, and both schedules must start runs again.
 */
export async function restartTemporal(flow: Flow) {
  const { system } = flow;
  const { pool } = system.db;
  let before: Awaited<ReturnType<typeof runningRuns>> = [];
  await waitFor('a run in flight', async () => (before = await runningRuns(pool)).length > 0, {
    timeoutMs: 60_000,
    intervalMs: 50,
  });
  const down = Date.now();
  await system.servers.stopTemporal();
  await system.servers.startTemporal();
  const back = Date.now();
  const firstRun: Record<string, number> = {};
  await waitFor(
    'both schedules to start runs again',
    async () => {
      const { rows } = await pool.query(
        `SELECT dag_id, min(started_at) AS first FROM dag_runs WHERE started_at >= $1 GROUP BY dag_id`,
        [new Date(back)],
      );
      for (const r of rows) firstRun[r.dag_id] = new Date(r.first).getTime();
      return 'ingestion' in firstRun && 'prediction' in firstRun;
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );
  const runs = await waitForRunsToEnd(
    pool,
    before.map((r) => r.run_id),
  );
  return {
    runs,
    observed:
      `server down ${seconds(back - down)} (stop and start on the same SQLite file); ` +
      `first scheduled runs ${seconds(firstRun.ingestion! - back)} (ingestion) and ${seconds(firstRun.prediction! - back)} (prediction) after it answered; ` +
      `${runs.length} runs in flight at the restart ended ${[...new Set(runs.map((r) => r.state))].join('/') || '(none)'}`,
  };
}
