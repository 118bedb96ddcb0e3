/**
 * Memory on a large file: a ~200 MB raw file (about 5.3M rows) validated and split, with the
 * process's resident memory sampled throughout. The file is read in 8 MB chunks; what grows with
 * the file is 4 bytes a row of verdicts and the values seen by the uniqueness checks, not the rows.
 *
 *   npx tsx bench/validate-large-file.ts [megabytes]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeSpec } from '../core/feature-spec';
import { compileSuite, defaultSuite, splitFile, validateFile } from '../core/validation';
import { loadNote, rate } from './support/measure';
import { writeSyntheticCsv } from './support/synthetic-flights';

const MEGABYTES = Number(process.argv[2] ?? 200);
const BYTES_PER_ROW = 38;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-bench-large-'));
  try {
    const file = path.join(dir, 'large.csv');
    const rows = Math.round((MEGABYTES * 1e6) / BYTES_PER_ROW);
    writeSyntheticCsv(file, activeSpec, rows, 0.01);
    const size = fs.statSync(file).size;
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const validation = await validateFile(file, compileSuite(defaultSuite(activeSpec)), {
      fileName: 'large.csv',
      runId: 'bench',
    });
    const split = await splitFile({
      file,
      ...validation,
      goodPath: path.join(dir, 'good.csv'),
      badPath: path.join(dir, 'bad.csv'),
    });
    const ms = performance.now() - started;
    clearInterval(sampler);
    const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
    console.log(
      `Large file: ${mb(size)}, ${rows.toLocaleString()} rows, validated and split in ${(ms / 1000).toFixed(1)} s (${rate(rows, ms)})`,
    );
    console.log(`  ${split.goodRows.toLocaleString()} good + ${split.badRows.toLocaleString()} bad rows`);
    console.log(
      `  resident memory: ${mb(baseline)} before, peak ${mb(peak)} (+${mb(peak - baseline)}, ${((peak - baseline) / size).toFixed(2)}x the file)`,
    );
    console.log(`  ${loadNote()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
