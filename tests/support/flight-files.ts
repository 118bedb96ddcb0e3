import path from 'node:path';
import { writeCsv, type CsvTable } from '../../cli/data/csv-file';
import type { ErrorType } from '../../cli/data/error-types';
import { injectErrors, type ManifestFile } from '../../cli/data/inject-errors';
import { activeSpec, fileColumns, formatDateTime, parseDateTime } from '../../core/feature-spec';

/** A clean raw file of the active spec: every row valid, ids unique, origin never equal to destination. */
export function cleanTable(rows: number, firstId = 5000): CsvTable {
  const start = parseDateTime('2001-05-01 06:00');
  const airports = activeSpec.features.find((f) => f.name === 'origin');
  if (airports?.kind !== 'category') throw new Error('the flights spec has an origin category');
  return {
    header: fileColumns(activeSpec, { withLabel: false }),
    rows: Array.from({ length: rows }, (_, i) => [
      String(firstId + i),
      formatDateTime(start + i * 7 * 60_000),
      airports.values[i % 50]!,
      airports.values[50 + (i % 60)]!,
      String(150 + (i % 3000)),
    ]),
  };
}

/** Writes a clean file into `dir` and corrupts it with `cli/data/inject-errors`; returns the manifest entry. */
export function corruptedFile(
  dir: string,
  name: string,
  types: ErrorType[],
  options: { rows?: number; rowsPerError?: number; seed?: number } = {},
): { file: string; manifest: ManifestFile } {
  const file = path.join(dir, name);
  writeCsv(file, cleanTable(options.rows ?? 300));
  const manifest = injectErrors(activeSpec, [file], {
    seed: options.seed ?? 42,
    types,
    rowsPerError: options.rowsPerError ?? 7,
  });
  return { file, manifest: manifest.files[0]! };
}
