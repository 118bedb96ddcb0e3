import fs from 'node:fs';
import path from 'node:path';
import type { DatasetSpec } from '../../core/feature-spec';
import { type CsvTable, readCsv, toCsv, writeFileAtomic } from './csv-file';
import { type ErrorType, EXCLUSIVE_FILE_ERRORS, ERROR_TYPES, errorInjectors, type WorkTable } from './error-types';
import { SeededRandom } from './random';

/** What was corrupted, where: row indices are 0-based data rows (header excluded) of the file as written. */
export interface ManifestError {
  type: ErrorType;
  description: string;
  scope: 'rows' | 'file';
  column?: string;
  /** The rows this error made bad; empty for file-level errors that leave rows usable. */
  rows: number[];
  examples: { row: number; before: Record<string, string> | null; after: Record<string, string> }[];
}

export interface ManifestFile {
  file: string;
  rowCount: number;
  errors: ManifestError[];
}

export interface ErrorManifest {
  seed: number;
  generatedAt: string;
  files: ManifestFile[];
}

export interface InjectOptions {
  seed: number;
  /** Error types to inject into every chosen file; without it each file gets 1 to 3 random types. */
  types?: ErrorType[];
  /** Share of the files to corrupt when `types` is not given (0..1). */
  share?: number;
  /** How many rows each row-level error touches (at most, the file permitting). */
  rowsPerError?: number;
}

export class InjectError extends Error {}

const MAX_EXAMPLES = 3;

export function corruptTable(
  spec: DatasetSpec,
  input: CsvTable,
  types: readonly ErrorType[],
  rng: SeededRandom,
  rowsPerError: number,
): { table: CsvTable; empty: boolean; errors: ManifestError[] } {
  const exclusive = types.filter((t) => EXCLUSIVE_FILE_ERRORS.includes(t));
  if (exclusive.length > 0 && types.length > 1) {
    throw new InjectError(`${exclusive[0]} changes the whole file and cannot be combined with other errors`);
  }
  const work: WorkTable = { header: [...input.header], rows: input.rows.map((cells) => ({ cells: [...cells] })) };
  const originalHeader = [...input.header];
  const columns = new Map<ErrorType, string | undefined>();
  // Row errors first, so the file-level extra column never shows in a row's "before".
  const ordered = [...types].sort((a, b) => scopeRank(a) - scopeRank(b));
  for (const type of ordered) {
    const injector = errorInjectors[type];
    if (!injector.applicable(spec, work)) throw new InjectError(`${type} does not apply to this file`);
    columns.set(type, injector.apply(spec, work, rng, rowsPerError));
  }

  const errors = new Map<ErrorType, ManifestError>();
  for (const type of ordered) {
    const injector = errorInjectors[type];
    const column = columns.get(type);
    errors.set(type, {
      type,
      description: injector.description,
      scope: injector.scope,
      ...(column === undefined ? {} : { column }),
      rows: [],
      examples: [],
    });
  }
  const asRecord = (header: string[], cells: string[]) =>
    Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  work.rows.forEach((row, index) => {
    if (!row.error) return;
    const entry = errors.get(row.error.type)!;
    if (errorInjectors[row.error.type].rowsAreBad) entry.rows.push(index);
    if (entry.examples.length < MAX_EXAMPLES) {
      entry.examples.push({
        row: index,
        before: row.error.before ? asRecord(originalHeader, row.error.before) : null,
        after: asRecord(work.header, row.cells),
      });
    }
  });
  return {
    table: { header: work.header, rows: work.rows.map((r) => r.cells) },
    empty: work.empty === true,
    errors: [...errors.values()],
  };
}

function scopeRank(type: ErrorType): number {
  return errorInjectors[type].scope === 'rows' ? 0 : 1;
}

/** One to three error types for a file, file-level ones rarer, never two that cannot combine. */
function randomTypes(rng: SeededRandom): ErrorType[] {
  if (rng.next() < 0.15) return [rng.pick(EXCLUSIVE_FILE_ERRORS)];
  const combinable = ERROR_TYPES.filter((t) => !EXCLUSIVE_FILE_ERRORS.includes(t));
  return rng.sample(combinable, rng.int(1, 3));
}

/** Corrupts files in place (each rewritten atomically) and returns the manifest of exactly what changed. */
export function injectErrors(spec: DatasetSpec, files: readonly string[], options: InjectOptions): ErrorManifest {
  const rng = new SeededRandom(options.seed);
  const chosen = options.types ? [...files] : rng.sample(files, Math.round(files.length * (options.share ?? 0.3)));
  const manifest: ErrorManifest = { seed: options.seed, generatedAt: new Date().toISOString(), files: [] };
  for (const file of [...chosen].sort()) {
    const types = options.types ?? randomTypes(rng);
    const input = readCsv(file);
    const result = corruptTable(spec, input, types, rng, options.rowsPerError ?? rng.int(1, 12));
    writeFileAtomic(file, result.empty ? '' : toCsv(result.table));
    manifest.files.push({ file: path.basename(file), rowCount: result.table.rows.length, errors: result.errors });
  }
  return manifest;
}

export function writeManifest(file: string, manifest: ErrorManifest): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
