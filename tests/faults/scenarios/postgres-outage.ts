import { waitFor } from '../../../cli/runtime/ports';
import type { Flow } from '../support/flow';
import { firstSuccessAfter, runningRuns, seconds, sleep, waitForRunsToEnd } from '../support/runs';

export const POSTGRES_OUTAGE_MS = 30_000;

/** One request made while Postgres is down: what came back, and how fast. */
export interface OutageAnswer {
  request: string;
  status: number;
  ms: number;
  code?: string;
}

async function ask(url: string, init: RequestInit, request: string): Promise<OutageAnswer> {
  const started = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string }; status?: string };
    return {
      request,
      status: response.status,
      ms: Date.now() - started,
      code: body.error?.code ?? body.status,
    };
  } catch (error) {
    return { request, status: 0, ms: Date.now() - started, code: (error as Error).name };
  }
}

/**
 * Stops Postgres for 30 s under the flow: meanwhile the API must answer (503, with a reason) rather
 * than hang; afterwards every run that was caught by the outage must finish.
 */
export async function stopPostgres(flow: Flow) {
  const { system } = flow;
  // Stopped while a run is in flight, so the outage lands in the middle of tasks.
  let before: Awaited<ReturnType<typeof runningRuns>> = [];
  await waitFor('a run in flight', async () => (before = await runningRuns(system.db.pool)).length > 0, {
    timeoutMs: 60_000,
    intervalMs: 20,
  });
  const down = Date.now();
  await system.servers.stopPostgres();
  await sleep(5_000);
  const url = system.api.url;
  const answers = await Promise.all([
    ask(`${url}/health`, {}, 'GET /health'),
    ask(`${url}/past-predictions`, {}, 'GET /past-predictions'),
    ask(
      `${url}/predict`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          source: 'webapp',
          rows: [{ date: '2001-05-01 08:00', origin: 'ORD', destination: 'LAX', distance: 1744 }],
        }),
      },
      'POST /predict',
    ),
  ]);
  const during = () => flow.prober.since(down).filter((p) => p.at < down + POSTGRES_OUTAGE_MS);
  await sleep(Math.max(0, down + POSTGRES_OUTAGE_MS - Date.now()));
  await system.servers.startPostgres();
  const back = Date.now();
  const ingestionBack = await firstSuccessAfter(system.db.pool, 'ingestion', back);
  const runs = await waitForRunsToEnd(
    system.db.pool,
    before.map((r) => r.run_id),
  );
  const { rows: tries } = await system.db.pool.query(
    `SELECT coalesce(max(try_number), 0) AS max_try FROM task_instances WHERE run_id = ANY($1::text[])`,
    [before.map((r) => r.run_id)],
  );
  const probes = during();
  const slowestProbe = Math.max(0, ...probes.map((p) => p.ms));
  return {
    answers,
    runs,
    probes,
    observed:
      `down ${seconds(back - down)}; meanwhile ${answers.map((a) => `${a.request} ${a.status} ${a.code ?? ''} in ${a.ms} ms`).join(', ')}; ` +
      `${probes.length} on-demand predictions answered ${[...new Set(probes.map((p) => p.status))].join('/')} (slowest ${slowestProbe} ms); ` +
      `${runs.length} runs in flight at the stop ended ${[...new Set(runs.map((r) => r.state))].join('/') || '(none)'} (their tasks took at most ${tries[0].max_try} tries); ` +
      `first ingestion run succeeded ${seconds(ingestionBack - back)} after Postgres returned`,
  };
}
