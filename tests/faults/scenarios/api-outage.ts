import { waitFor } from '../../../cli/runtime/ports';
import type { Flow } from '../support/flow';
import { seconds, sleep } from '../support/runs';
import { storeCounts } from '../support/store-counts';

export const API_OUTAGE_MS = 60_000;

/**
 * Stops the API (SIGTERM, a graceful stop) for 60 s under the flow: the prediction DAG must back
 * off rather than fail, and predict everything that arrived meanwhile once the API returns.
 */
export async function stopApi(flow: Flow) {
  const { system } = flow;
  const { pool } = system.db;
  const fedBefore = flow.feed.files.length;
  const down = Date.now();
  await system.api.process.stop();
  await sleep(API_OUTAGE_MS);
  await system.startApi();
  const back = Date.now();
  const fedDuring = flow.feed.files.length - fedBefore;
  const { rows: waiting } = await pool.query(
    `SELECT count(*)::int AS n FROM prediction_ledger WHERE status = 'claimed'`,
  );
  let goodFiles = 0;
  await waitFor(
    'the prediction DAG to catch up',
    async () => {
      const counts = await storeCounts(pool);
      goodFiles = counts.ledger.size;
      return counts.ledgerDone === counts.ledger.size && counts.ingestedFiles >= fedBefore + fedDuring;
    },
    { timeoutMs: 240_000, intervalMs: 1_000 },
  );
  const caughtUp = Date.now();
  const { rows: retried } = await pool.query(
    `SELECT count(*)::int AS tasks, coalesce(max(try_number), 0) AS max_try FROM task_instances t
     JOIN dag_runs r USING (run_id)
     WHERE r.dag_id = 'prediction' AND t.task_id = 'make-predictions' AND r.started_at >= $1`,
    [new Date(down - 60_000)],
  );
  const probes = flow.prober.since(down).filter((p) => p.at < back);
  return {
    observed:
      `API down ${seconds(back - down)}; ${fedDuring} raw files arrived meanwhile and were ingested; ` +
      `${waiting[0].n} good-data files were held by a waiting make-predictions when it returned; ` +
      `all ${goodFiles} good-data files predicted ${seconds(caughtUp - back)} after it returned ` +
      `(make-predictions tries at most ${retried[0].max_try}); ` +
      `${probes.length} on-demand requests meanwhile got ${[...new Set(probes.map((p) => p.error ?? p.status))].join('/')}`,
  };
}
