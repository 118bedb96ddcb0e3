import fs from 'node:fs';
import path from 'node:path';
import { ERROR_TYPES } from '../../cli/data/error-types';
import { corruptedFile } from '../../tests/support/flight-files';
import { useTempDir } from '../../tests/support/temp-dir';
import { readRecords } from '../csv/read-records';
import { activeSpec } from '../feature-spec';
import { compileSuite } from './compile-suite';
import { defaultSuite } from './default-suite';
import { badRowIndices } from './result-files';
import { REASON_COLUMNS, splitFile } from './split-file';
import { validateFile } from './validate-file';

const tempDir = useTempDir('split');
const suite = compileSuite(defaultSuite(activeSpec));

async function validateAndSplit(file: string) {
  const validation = await validateFile(file, suite, { fileName: path.basename(file), runId: 'run-1' });
  const goodPath = path.join(tempDir(), 'good', path.basename(file));
  const badPath = path.join(tempDir(), 'bad', path.basename(file));
  fs.mkdirSync(path.dirname(goodPath), { recursive: true });
  fs.mkdirSync(path.dirname(badPath), { recursive: true });
  const outcome = await splitFile({ file, ...validation, goodPath, badPath }, { chunkBytes: 4096 });
  return { ...validation, outcome, goodPath, badPath };
}

/** The data lines of a file (header excluded), as written. */
const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(1);
const recordsOf = async (file: string) => (await readRecords(file)).records.map((r) => r.fields);

describe('splitting a validated file into good and bad rows', () => {
  it.each(ERROR_TYPES)('conserves every row of a file with %s: good + bad = input', async (type) => {
    const { file, manifest } = corruptedFile(tempDir(), `${type}.csv`, [type], { seed: 5 });
    const input = fs.readFileSync(file, 'utf8');
    const { outcome, result, verdicts, goodPath, badPath } = await validateAndSplit(file);
    const good = outcome.goodFile ? (await recordsOf(goodPath)).slice(1) : [];
    const bad = outcome.badFile ? (await recordsOf(badPath)).slice(1) : [];
    expect(good.length + bad.length).toBe(manifest.rowCount);
    expect([outcome.goodRows, outcome.badRows]).toEqual([good.length, bad.length]);
    if (result.meta.row_count > 0) {
      // Bad rows carry their input row index first; good rows are the remaining input lines, byte for byte.
      const badRows = bad.map((fields) => Number(fields[0]));
      expect(badRows).toEqual(badRowIndices(result, verdicts));
      const inputLines = lines(file);
      const kept = inputLines.filter((_, i) => !badRows.includes(i));
      if (outcome.goodFile) expect(lines(goodPath)).toEqual(kept);
      for (const fields of bad) expect(fields[1]).not.toBe('');
    } else {
      expect(fs.readFileSync(outcome.goodFile ?? outcome.badFile!, 'utf8')).toBe(input);
    }
  });

  it('moves a file with no bad rows to good-data byte for byte, and writes no bad file', async () => {
    const { file } = corruptedFile(tempDir(), 'clean.csv', ['extra_column']);
    const { outcome, goodPath, badPath } = await validateAndSplit(file);
    expect(outcome).toMatchObject({ mode: 'all_good', goodFile: goodPath, badFile: null, badRows: 0 });
    expect(fs.readFileSync(goodPath)).toEqual(fs.readFileSync(file));
    expect(fs.existsSync(badPath)).toBe(false);
  });

  it('writes each bad row after its index, its reasons and the expectations it broke', async () => {
    const { file, manifest } = corruptedFile(tempDir(), 'mixed.csv', [
      'same_origin_destination',
      'non_integer_number',
    ]);
    const { outcome, badPath } = await validateAndSplit(file);
    expect(outcome.mode).toBe('mixed');
    const [header, ...rows] = await recordsOf(badPath);
    expect(header!.slice(0, 3)).toEqual([...REASON_COLUMNS]);
    const same = manifest.errors.find((e) => e.type === 'same_origin_destination')!.rows[0]!;
    const row = rows.find((r) => Number(r[0]) === same)!;
    expect(row[1]).toBe('origin and destination must all differ');
    expect(row[2]).toBe('expect_select_column_values_to_be_unique_within_record');
    expect(row.slice(3)).toEqual(lines(file)[same]!.split(','));
  });

  it('sends a file that is not CSV to bad-data unchanged, and everything in it counts as bad', async () => {
    const file = path.join(tempDir(), 'quote.csv');
    fs.writeFileSync(file, 'flight_id,date\n1,"2001-04-01 07:15\n2,2001-04-01 07:16\n');
    const { outcome, badPath } = await validateAndSplit(file);
    expect(outcome).toMatchObject({ mode: 'unparseable', goodFile: null, goodRows: 0, badRows: 2 });
    expect(fs.readFileSync(badPath)).toEqual(fs.readFileSync(file));
  });

  it('refuses to split a file that changed since it was validated, leaving no output behind', async () => {
    const { file } = corruptedFile(tempDir(), 'changed.csv', ['unknown_category']);
    const validation = await validateFile(file, suite, { fileName: 'changed.csv', runId: 'r' });
    fs.appendFileSync(file, '99999,2001-05-02 10:00,ATL,FLL,500\n');
    const goodPath = path.join(tempDir(), 'g.csv');
    const badPath = path.join(tempDir(), 'b.csv');
    await expect(splitFile({ file, ...validation, goodPath, badPath })).rejects.toThrow(
      /changed since validation/,
    );
    expect(fs.readdirSync(tempDir()).sort()).toEqual(['changed.csv']);
  });
});
