import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeSpec, fileColumns, formatDateTime, parseDateTime } from '../../core/feature-spec';
import { type CsvTable, readCsv, writeCsv } from './csv-file';
import { ERROR_TYPES, type ErrorType, EXCLUSIVE_FILE_ERRORS } from './error-types';
import { injectErrors, InjectError, type ManifestFile } from './inject-errors';

const spec = activeSpec;
const ROWS = 200;

function cleanTable(): CsvTable {
  const start = parseDateTime('2001-05-01 06:00');
  const airports = spec.features.find((f) => f.name === 'origin')!;
  if (airports.kind !== 'category') throw new Error('origin is a category');
  return {
    header: fileColumns(spec, { withLabel: false }),
    rows: Array.from({ length: ROWS }, (_, i) => [
      String(5000 + i),
      formatDateTime(start + i * 7 * 60_000),
      airports.values[i % 50]!,
      airports.values[50 + (i % 60)]!,
      String(150 + i),
    ]),
  };
}

/** Every row of the written file, checked independently of the injector against the manifest. */
function assertManifestMatches(file: string, entry: ManifestFile, original: CsvTable): void {
  const text = fs.readFileSync(file, 'utf8');
  const errors = new Map(entry.errors.map((e) => [e.type, e]));
  if (errors.has('empty_file')) {
    expect(text).toBe('');
    expect(entry.rowCount).toBe(0);
    return;
  }
  const table = readCsv(file);
  expect(table.rows).toHaveLength(entry.rowCount);
  const header = table.header;
  const col = (name: string) => header.indexOf(name);
  const originalById = new Map(original.rows.map((r) => [r[0], r]));
  const claimed = new Map<number, ErrorType>();
  for (const e of entry.errors) for (const row of e.rows) claimed.set(row, e.type);

  if (errors.has('header_only')) expect(table.rows).toHaveLength(0);
  if (errors.has('missing_column')) {
    const missing = errors.get('missing_column')!.column!;
    expect(header).not.toContain(missing);
    expect(errors.get('missing_column')!.rows).toEqual(table.rows.map((_, i) => i));
  }
  if (errors.has('extra_column')) {
    expect(header).toEqual([...original.header, 'gate']);
    expect(errors.get('extra_column')!.rows).toEqual([]);
  }
  const seen = new Set<string>();
  table.rows.forEach((row, index) => {
    const id = row[0]!;
    const before = originalById.get(id)!;
    const changed = original.header.filter((name) => col(name) >= 0 && row[col(name)] !== before[original.header.indexOf(name)]);
    const type = claimed.get(index);
    if (errors.has('missing_column')) return;
    if (seen.has(id)) {
      expect(type).toBe('duplicated_rows');
    } else if (type === undefined || type === 'duplicated_rows') {
      // Good rows, and originals of duplicates, are untouched.
      expect(changed).toEqual([]);
    } else {
      const column = errors.get(type)!.column!;
      expect(changed).toEqual([column]);
    }
    seen.add(id);
  });
}

describe('data inject-errors', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-inject-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('knows at least 10 distinct error types', () => {
    expect(new Set(ERROR_TYPES).size).toBeGreaterThanOrEqual(10);
  });

  it.each(ERROR_TYPES.map((t) => [t]))('describes exactly the rows and columns %s corrupted', (type) => {
    const original = cleanTable();
    const file = path.join(dir, 'file.csv');
    writeCsv(file, original);
    const manifest = injectErrors(spec, [file], { seed: 11, types: [type], rowsPerError: 6 });

    const [entry] = manifest.files;
    expect(entry!.errors.map((e) => e.type)).toEqual([type]);
    assertManifestMatches(file, entry!, original);
    const error = entry!.errors[0]!;
    if (error.scope === 'rows') expect(error.rows).toHaveLength(6);
    if (error.rows.length > 0) expect(error.examples.length).toBeGreaterThan(0);
  });

  it('combines every row-level error in one file without two errors on one row', () => {
    const original = cleanTable();
    const file = path.join(dir, 'all.csv');
    writeCsv(file, original);
    const types = ERROR_TYPES.filter((t) => !EXCLUSIVE_FILE_ERRORS.includes(t));
    const manifest = injectErrors(spec, [file], { seed: 5, types, rowsPerError: 4 });
    const entry = manifest.files[0]!;
    assertManifestMatches(file, entry, original);
    const bad = entry.errors.flatMap((e) => e.rows);
    expect(new Set(bad).size).toBe(bad.length);
    expect(entry.rowCount).toBe(ROWS + 4);
  });

  it('injects the same errors for the same seed', () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    writeCsv(a, cleanTable());
    writeCsv(b, cleanTable());
    const first = injectErrors(spec, [a], { seed: 99, types: ['unknown_category', 'out_of_range'] });
    const second = injectErrors(spec, [b], { seed: 99, types: ['unknown_category', 'out_of_range'] });
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
    expect(first.files[0]!.errors).toEqual(second.files[0]!.errors);
  });

  it('corrupts about the requested share of files when choosing types itself', () => {
    const files = Array.from({ length: 20 }, (_, i) => {
      const file = path.join(dir, `f${i}.csv`);
      writeCsv(file, cleanTable());
      return file;
    });
    const manifest = injectErrors(spec, files, { seed: 3, share: 0.3 });
    expect(manifest.files).toHaveLength(6);
    for (const entry of manifest.files) {
      assertManifestMatches(path.join(dir, entry.file), entry, cleanTable());
    }
  });

  it('refuses to combine a whole-file error with others', () => {
    const file = path.join(dir, 'x.csv');
    writeCsv(file, cleanTable());
    expect(() => injectErrors(spec, [file], { seed: 1, types: ['empty_file', 'out_of_range'] })).toThrow(InjectError);
  });
});
