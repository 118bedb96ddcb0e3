/**
 * A 1M-row raw file from disk to validated and split into good and bad files (the validate-data
 * and split-and-save-data tasks' work): stream, parse, run the default suite, write the verdicts'
 * outputs. Goal: 400,000 rows/s on one core. Beside it, CSV parsing alone by the parsers measured in
 * DESIGN.md, on the same file in the same run, which is why ingestion has its own scanner.
 *
 *   npx tsx bench/validate-and-split.ts [rows] [runs]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { streamRecords } from '../core/csv/stream-records';
import { activeSpec } from '../core/feature-spec';
import { compileSuite, defaultSuite, splitFile, validateFile } from '../core/validation';
import { loadNote, measure, median, rate } from './support/measure';
import { writeSyntheticCsv } from './support/synthetic-flights';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const GOAL = 400_000;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-bench-split-'));
  try {
    const file = path.join(dir, 'raw.csv');
    writeSyntheticCsv(file, activeSpec, ROWS, 0.01);
    const mb = fs.statSync(file).size / 1e6;
    const suite = compileSuite(defaultSuite(activeSpec));
    let outcome = '';
    const runs = await measure(RUNS, async () => {
      const validation = await validateFile(file, suite, { fileName: 'raw.csv', runId: 'bench' });
      const split = await splitFile({
        file,
        ...validation,
        goodPath: path.join(dir, 'good.csv'),
        badPath: path.join(dir, 'bad.csv'),
      });
      outcome = `${split.goodRows.toLocaleString()} good + ${split.badRows.toLocaleString()} bad rows`;
    });
    const wall = median(runs.map((r) => r.wallMs));
    console.log(
      `File to validated and split: ${ROWS.toLocaleString()} rows (${mb.toFixed(0)} MB), default suite, ${RUNS} runs`,
    );
    console.log(
      `  median ${wall.toFixed(0)} ms wall (${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms CPU) -> ${rate(ROWS, wall)}   ${outcome}`,
    );
    console.log(`  goal 400,000 rows/s on one core: ratio ${(((ROWS / wall) * 1000) / GOAL).toFixed(2)}`);

    console.log('  CSV parsing alone, same file:');
    const text = fs.readFileSync(file, 'utf8');
    const parsers: [string, () => unknown][] = [
      [
        'contrail scanner (cell spans, streamed)',
        () => streamRecords(file, { wantsFields: true, beginRegion() {}, record() {}, endRegion() {} }),
      ],
      ['uDSV (string arrays)', () => initParser(inferSchema(text)).stringArrs(text)],
      ['papaparse (string arrays)', () => Papa.parse(text, { skipEmptyLines: true })],
    ];
    for (const [name, parse] of parsers) {
      const parsed = median((await measure(RUNS, parse)).map((r) => r.wallMs));
      console.log(`    ${name.padEnd(42)} ${rate(ROWS, parsed)}`);
    }
    console.log(`  ${loadNote()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
