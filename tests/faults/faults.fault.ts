import { stopApi } from './scenarios/api-outage';
import { fillDisk } from './scenarios/disk-full';
import { stopPostgres } from './scenarios/postgres-outage';
import { restartTemporal } from './scenarios/temporal-restart';
import { killWorkerInEachTask } from './scenarios/worker-kills';
import { type Flow, startFlow } from './support/flow';
import { runsSince, seconds } from './support/runs';

/**
 * The fault-injection suite (`npm run test:faults`, docs/RELIABILITY.md): Contrail runs for real
 * under a steady flow of raw files and on-demand predictions while each fault is injected in
 * turn; after each, every row fed must be accounted for exactly once.
 */
/** The tests below, each one fault (the first a control): the report is written when all of them ran. */
const FAULTS = 6;

describe('Contrail under faults', () => {
  let flow: Flow;

  beforeAll(async () => {
    flow = await startFlow();
  }, 300_000);

  afterAll(async () => {
    await flow?.stop();
    // A partial run (jest -t) leaves the document's table as the last full run wrote it.
    if (flow?.report.results.length === FAULTS) await flow.report.write();
  }, 120_000);

  /** Runs one fault, records what was seen and the conservation check after it, then asserts both. */
  async function underFault(fault: string, inject: () => Promise<{ observed: string }>, assert: () => void) {
    const started = Date.now();
    let observed = 'the fault did not complete';
    let passed = false;
    let conservation;
    try {
      ({ observed } = await inject());
      conservation = await flow.settleAndCheck();
      const runs = await runsSince(flow.system.db.pool, started);
      observed += `; runs since the fault: ${JSON.stringify(runs)}; fault, settle and check took ${seconds(Date.now() - started)}`;
      expect(conservation.violations).toEqual([]);
      expect(Object.keys(runs).filter((k) => k.endsWith(' failed'))).toEqual([]);
      assert();
      passed = true;
    } finally {
      flow.report.add({ fault, observed, conservation, passed });
    }
  }

  it('accounts for every row of a steady flow with no fault', async () => {
    await new Promise((r) => setTimeout(r, 10_000));
    await underFault(
      'none: the steady flow alone',
      async () => ({ observed: 'no fault' }),
      () => undefined,
    );
  });

  it('finishes every run, once, when the worker is SIGKILLed in the middle of each task type', async () => {
    let result: Awaited<ReturnType<typeof killWorkerInEachTask>> | undefined;
    await underFault(
      'worker SIGKILLed in the middle of each task type, then restarted',
      async () => (result = await killWorkerInEachTask(flow)),
      () => {
        expect(result!.missed).toEqual([]);
        expect(result!.recoveries.filter((r) => !r.retried || r.state !== 'success')).toEqual([]);
        expect(result!.runs.filter((r) => r.state !== 'success')).toEqual([]);
      },
    );
  });

  it('answers 503 while Postgres is stopped for 30 s, and finishes every run once it is back', async () => {
    let result: Awaited<ReturnType<typeof stopPostgres>> | undefined;
    await underFault(
      'Postgres stopped for 30 s',
      async () => (result = await stopPostgres(flow)),
      () => {
        for (const answer of result!.answers) expect(answer).toMatchObject({ status: 503 });
        expect(result!.probes.filter((p) => p.status !== 503 && p.status !== 200)).toEqual([]);
        expect(result!.runs.length).toBeGreaterThan(0);
        expect(result!.runs.filter((r) => r.state !== 'success' && r.state !== 'skipped')).toEqual([]);
      },
    );
  });

  it('backs off while the API is stopped for 60 s, and catches up when it returns', async () => {
    await underFault(
      'API stopped for 60 s',
      () => stopApi(flow),
      () => undefined,
    );
  });

  it('resumes the schedules and finishes the runs in flight when the Temporal server restarts', async () => {
    let result: Awaited<ReturnType<typeof restartTemporal>> | undefined;
    await underFault(
      'Temporal dev server restarted (SQLite file kept)',
      async () => (result = await restartTemporal(flow)),
      () => {
        expect(result!.runs.length).toBeGreaterThan(0);
        expect(result!.runs.filter((r) => r.state !== 'success' && r.state !== 'skipped')).toEqual([]);
      },
    );
  });

  it('fails clearly and leaves no half-written file in good-data when the data disk is full', async () => {
    let result: Awaited<ReturnType<typeof fillDisk>> | undefined;
    await underFault(
      'data folder disk full',
      async () => (result = await fillDisk(flow)),
      () => expect(result!.halfWritten).toEqual([]),
    );
  });
});
