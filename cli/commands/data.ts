import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadProcessConfig } from '../../core/config';
import { activeSpec } from '../../core/feature-spec';
import { dataPaths } from '../../core/paths';
import { ERROR_TYPES, type ErrorType, errorInjectors, EXCLUSIVE_FILE_ERRORS } from '../data/error-types';
import { corruptTable, injectErrors, writeManifest } from '../data/inject-errors';
import { prepareDataset } from '../data/prepare';
import { SeededRandom } from '../data/random';
import { splitDataset } from '../data/split';
import { parsePositiveInt } from '../options';

function parseTypes(value: string): ErrorType[] {
  const types = value === 'all' ? [...ERROR_TYPES] : value.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !(ERROR_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw new Error(`unknown error type ${unknown.join(', ')}; known: ${ERROR_TYPES.join(', ')}`);
  }
  return types as ErrorType[];
}

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('prepare, split and corrupt data sets for ingestion');

  data
    .command('prepare')
    .description(
      `read ${activeSpec.source.file} from the ${activeSpec.source.npmPackage} package and write the canonical CSV and the training slice`,
    )
    .option('--out <dir>', 'output folder (default: <data dir>/datasets)')
    .action(async (options: { out?: string }) => {
      const out = options.out ?? dataPaths(loadProcessConfig().dataDir).datasets;
      const result = await prepareDataset(activeSpec, out, (done, total) => {
        process.stderr.write(`\r  ${Math.round((100 * done) / total)}% (${done.toLocaleString()} rows)`);
      });
      process.stderr.write('\n');
      console.log(`canonical: ${result.canonical} (${result.rows.toLocaleString()} rows)`);
      console.log(`training:  ${result.training} (${result.trainingRows.toLocaleString()} rows)`);
      console.log(`serving:   ${result.serving} (${result.servingRows.toLocaleString()} rows)`);
    });

  data
    .command('split')
    .description(
      'split a CSV into exactly N files (N files, not N rows per file), labels removed, names in time order',
    )
    .argument('<csv>', 'the data set to split')
    .argument('<raw-dir>', 'where to write the files (e.g. data/raw-data)')
    .argument('<n-files>', 'how many files to write', parsePositiveInt)
    .option('--keep-label', `keep the ${activeSpec.label.name} column`)
    .option('--prefix <name>', 'file name prefix (default: the input file name)')
    .action(
      (csv: string, rawDir: string, fileCount: number, options: { keepLabel?: boolean; prefix?: string }) => {
        const result = splitDataset(activeSpec, csv, rawDir, fileCount, options);
        console.log(
          `wrote ${result.rows.toLocaleString()} rows into ${result.files.length} files in ${rawDir}`,
        );
      },
    );

  data
    .command('inject-errors')
    .description(
      'put reproducible data errors into CSV files, and write a manifest of exactly which rows and how',
    )
    .argument('<files...>', 'CSV files to corrupt in place (or one folder)')
    .option('--types <list>', `comma-separated error types, or "all" (${ERROR_TYPES.join(', ')})`, parseTypes)
    .option('--share <fraction>', 'without --types: share of the files to corrupt', '0.35')
    .option('--rows <n>', 'rows touched by each row-level error', parsePositiveInt)
    .option('--seed <n>', 'random seed', parsePositiveInt, 42)
    .option('--manifest <file>', 'where to write the manifest', 'injected-errors.json')
    .action(
      (
        inputs: string[],
        options: { types?: ErrorType[]; share: string; rows?: number; seed: number; manifest: string },
      ) => {
        const files = inputs.flatMap((input) =>
          fs.statSync(input).isDirectory()
            ? fs
                .readdirSync(input)
                .filter((f) => f.endsWith('.csv'))
                .map((f) => path.join(input, f))
            : [input],
        );
        const manifest = injectErrors(activeSpec, files, {
          seed: options.seed,
          share: Number(options.share),
          ...(options.types ? { types: options.types } : {}),
          ...(options.rows ? { rowsPerError: options.rows } : {}),
        });
        writeManifest(options.manifest, manifest);
        const errorCount = manifest.files.reduce((n, f) => n + f.errors.length, 0);
        console.log(
          `injected ${errorCount} errors into ${manifest.files.length} files; manifest: ${options.manifest}`,
        );
      },
    );

  data
    .command('errors')
    .description('list the error types inject-errors knows')
    .option('--show', 'show each type with an example row before and after')
    .action((options: { show?: boolean }) => showErrorTypes(options.show === true));
}

function showErrorTypes(withExamples: boolean): void {
  const example = activeSpec.exampleRow;
  const header = Object.keys(example);
  const rows = [0, 1, 2].map(() => header.map((name) => String(example[name])));
  for (const type of ERROR_TYPES) {
    const injector = errorInjectors[type];
    console.log(`\n${type} (${injector.scope}${EXCLUSIVE_FILE_ERRORS.includes(type) ? ', whole file' : ''})`);
    console.log(`  ${injector.description}`);
    if (!withExamples) continue;
    const result = corruptTable(activeSpec, { header, rows }, [type], new SeededRandom(7), 1);
    const shown = result.errors[0]?.examples[0];
    const line = (record: Record<string, string> | null) =>
      record
        ? Object.entries(record)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(' ')
        : '(no such row)';
    if (result.empty) {
      console.log(`  before: ${header.join(',')} + ${rows.length} rows`);
      console.log('  after:  (a file of zero bytes)');
    } else if (result.table.rows.length === 0) {
      console.log(`  before: ${header.join(',')} + ${rows.length} rows`);
      console.log(`  after:  ${result.table.header.join(',')} and no rows`);
    } else if (shown) {
      console.log(`  before: ${line(shown.before)}`);
      console.log(`  after:  ${line(shown.after)}`);
    } else {
      console.log(`  before: ${header.join(',')}`);
      console.log(`  after:  ${result.table.header.join(',')} (rows: ${result.table.rows[0]?.join(',')})`);
    }
  }
}
