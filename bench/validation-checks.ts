/**
 * Checks only: the default expectation suite (derived from the feature spec) over 1M rows already
 * parsed into a batch (cell spans over their bytes, as the CSV scanner leaves them). Timed: every
 * check, including reading numbers, date-times and codes out of the cells, and the result. Not
 * timed: making the rows. Goal: 3M rows/s on one core; pandas runs the same 15 checks at about 2M
 * rows/s here, and Great Expectations on pandas is published at 0.1-0.2M rows/s for a suite this size.
 *
 *   node --require tsx/cjs bench/validation-checks.ts [rows] [runs]
 *
 * That is how the worker runs the checks (cli/runtime/node-child.ts). It runs under `npx tsx` too
 * (tsx's ESM loader), where the same code measured 20-27% slower here.
 */
import { activeSpec } from '../core/feature-spec';
import { compileSuite, defaultSuite } from '../core/validation';
import { batchFromColumns } from '../core/validation/batch-builder';
import { SuiteRunner } from '../core/validation/suite-runner';
import { loadNote, measure, median, rate } from './support/measure';
import { syntheticColumns } from './support/synthetic-flights';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 7);
const GOAL = 3_000_000;
const PANDAS = 2_000_000;

function parsedRows() {
  const { header, columns } = syntheticColumns(activeSpec, ROWS, 0.01);
  return { header, batch: batchFromColumns(columns) };
}

async function main(): Promise<void> {
  const suite = compileSuite(defaultSuite(activeSpec));
  const { header, batch } = parsedRows();
  let bad = 0;
  const runs = await measure(RUNS, () => {
    const runner = new SuiteRunner(suite);
    runner.begin(header);
    runner.observe(batch);
    bad = runner.finish({
      fileName: 'bench.csv',
      runId: 'bench',
      rowCount: 0,
      contentSha256: null,
      bytes: 0,
      startedAt: Date.now(),
    }).result.meta.bad_row_count;
  });
  const wall = median(runs.map((r) => r.wallMs));
  const cpu = median(runs.map((r) => r.cpuMs));
  const best = Math.min(...runs.map((r) => r.wallMs));
  const perSecond = (ROWS / wall) * 1000;
  const types = new Set(suite.expectations.map((e) => e.config.expectation_type)).size;
  console.log(
    `Checks only: default suite (${suite.expectations.length} expectations, ${types} types) on ${ROWS.toLocaleString()} parsed rows, ${RUNS} runs`,
  );
  console.log(
    `  median ${wall.toFixed(0)} ms wall (${cpu.toFixed(0)} ms CPU) -> ${rate(ROWS, wall)}   best ${rate(ROWS, best)}   ${bad.toLocaleString()} bad rows`,
  );
  console.log(`  goal 3M rows/s on one core: ratio ${(perSecond / GOAL).toFixed(2)}`);
  console.log(
    `  pandas, same 15 checks (~2M rows/s, the issue's figure): ratio ${(perSecond / PANDAS).toFixed(2)}`,
  );
  console.log(
    `  Great Expectations on pandas (published 0.1-0.2M rows/s): ratio ${(perSecond / 150_000).toFixed(0)}x`,
  );
  console.log(`  ${loadNote()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
