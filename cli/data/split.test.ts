import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeSpec, fileColumns, formatDateTime, parseDateTime } from '../../core/feature-spec';
import { readCsv, writeCsv } from './csv-file';
import { SeededRandom } from './random';
import { SplitError, splitDataset } from './split';

const spec = activeSpec;

/** A labelled data set of `count` rows in shuffled time order, one of them with a quoted comma. */
function writeDataset(dir: string, count: number): string {
  const rng = new SeededRandom(count);
  const start = parseDateTime('2001-04-01 00:00');
  const rows = Array.from({ length: count }, (_, i) => [
    String(i + 1),
    formatDateTime(start + rng.int(0, 90 * 24 * 60) * 60_000),
    'ATL',
    i === 0 ? 'LAX' : 'BOS',
    String(rng.int(100, 2000)),
    String(rng.int(-20, 300)),
  ]);
  const file = path.join(dir, 'input.csv');
  writeCsv(file, { header: fileColumns(spec, { withLabel: true }), rows });
  return file;
}

describe('data split', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrail-split-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([1, 2, 7, 100, 997])('puts every one of 997 rows in exactly one of %i files', (n) => {
    const input = writeDataset(dir, 997);
    const out = path.join(dir, 'raw');
    const result = splitDataset(spec, input, out, n);

    expect(result.files).toHaveLength(n);
    expect(fs.readdirSync(out)).toHaveLength(n);
    const ids = result.files.flatMap((f) => readCsv(f).rows.map((r) => r[0]));
    expect(ids).toHaveLength(997);
    expect(new Set(ids).size).toBe(997);
    const sizes = result.files.map((f) => readCsv(f).rows.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('removes the label and keeps every other field byte for byte', () => {
    const input = writeDataset(dir, 50);
    const original = new Map(readCsv(input).rows.map((r) => [r[0], r]));
    const result = splitDataset(spec, input, path.join(dir, 'raw'), 3);
    for (const file of result.files) {
      const table = readCsv(file);
      expect(table.header).toEqual(fileColumns(spec, { withLabel: false }));
      for (const row of table.rows) expect(row).toEqual(original.get(row[0])!.slice(0, -1));
    }
  });

  it('names files so that sorting them by name sorts their rows in time', () => {
    const input = writeDataset(dir, 500);
    splitDataset(spec, input, path.join(dir, 'raw'), 12);
    const names = fs.readdirSync(path.join(dir, 'raw')).sort();
    const times = names.flatMap((name) => readCsv(path.join(dir, 'raw', name)).rows.map((r) => parseDateTime(r[1]!)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('refuses more files than rows, with a clear error', () => {
    const input = writeDataset(dir, 5);
    expect(() => splitDataset(spec, input, path.join(dir, 'raw'), 6)).toThrow(
      new SplitError('cannot split 5 rows into 6 files: every file needs at least one row'),
    );
    expect(fs.existsSync(path.join(dir, 'raw'))).toBe(false);
  });

  it('refuses a file count that is not a positive whole number', () => {
    const input = writeDataset(dir, 5);
    expect(() => splitDataset(spec, input, path.join(dir, 'raw'), 0)).toThrow(SplitError);
    expect(() => splitDataset(spec, input, path.join(dir, 'raw'), 2.5)).toThrow(SplitError);
  });
});
