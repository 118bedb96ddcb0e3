import { type Flow, startFlow } from './support/flow';

/**
 * The fault-injection suite (`npm run test:faults`, docs/RELIABILITY.md): Contrail runs for real
 * under a steady flow of raw files and on-demand predictions while each fault is injected in
 * turn; after each, every row fed must be accounted for exactly once.
 */
describe('Contrail under faults', () => {
  let flow: Flow;

  beforeAll(async () => {
    flow = await startFlow();
  }, 300_000);

  afterAll(async () => {
    await flow?.stop();
    flow?.report.write();
  }, 120_000);

  it('accounts for every row of a steady flow with no fault', async () => {
    await new Promise((r) => setTimeout(r, 20_000));
    const conservation = await flow.settleAndCheck();
    flow.report.add({
      fault: 'none (steady flow)',
      observed: `${flow.prober.probes.filter((p) => p.status === 200).length} on-demand predictions answered`,
      conservation,
      passed: conservation.violations.length === 0,
    });
    expect(conservation.violations).toEqual([]);
  });
});
