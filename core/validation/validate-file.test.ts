import fs from 'node:fs';
import path from 'node:path';
import { ERROR_TYPES, type ErrorType, EXCLUSIVE_FILE_ERRORS } from '../../cli/data/error-types';
import type { ManifestFile } from '../../cli/data/inject-errors';
import { corruptedFile } from '../../tests/support/flight-files';
import { useTempDir } from '../../tests/support/temp-dir';
import { activeSpec } from '../feature-spec';
import { compileSuite } from './compile-suite';
import { defaultSuite } from './default-suite';
import { badRowIndices, unexpectedIndexList } from './result-files';
import type { ValidationResult } from './types';
import { validateFile } from './validate-file';

const tempDir = useTempDir('validate');
const suite = compileSuite(defaultSuite(activeSpec));
const validate = (file: string, chunkBytes?: number) =>
  validateFile(file, suite, {
    fileName: path.basename(file),
    runId: 'run-1',
    ...(chunkBytes ? { chunkBytes } : {}),
  });

/** Which expectations of the default suite must flag the rows of each injected error (column: the manifest's). */
const DETECTED_BY: Partial<Record<ErrorType, { type: string; onColumn: boolean }[]>> = {
  missing_values: [{ type: 'expect_column_values_to_not_be_null', onColumn: true }],
  unknown_category: [{ type: 'expect_column_values_to_be_in_set', onColumn: true }],
  out_of_range: [{ type: 'expect_column_values_to_be_between', onColumn: true }],
  string_in_numeric: [
    { type: 'expect_column_values_to_be_of_type', onColumn: true },
    { type: 'expect_column_values_to_be_between', onColumn: true },
  ],
  non_integer_number: [{ type: 'expect_column_values_to_be_of_type', onColumn: true }],
  malformed_timestamp: [
    { type: 'expect_column_values_to_match_strftime_format', onColumn: true },
    { type: 'expect_column_values_to_be_between', onColumn: true },
  ],
  timestamp_out_of_range: [{ type: 'expect_column_values_to_be_between', onColumn: true }],
  duplicated_rows: [
    { type: 'expect_compound_columns_to_be_unique', onColumn: false },
    { type: 'expect_column_values_to_be_unique', onColumn: false },
  ],
  same_origin_destination: [
    { type: 'expect_select_column_values_to_be_unique_within_record', onColumn: false },
  ],
  mangled_codes: [
    { type: 'expect_column_values_to_be_in_set', onColumn: true },
    { type: 'expect_column_values_to_match_regex', onColumn: true },
  ],
};

function resultIndex(result: ValidationResult, type: string, column: string | undefined): number {
  const index = result.results.findIndex(
    (r) =>
      r.expectation_config.expectation_type === type &&
      (column === undefined || r.expectation_config.kwargs.column === column),
  );
  if (index < 0) throw new Error(`no ${type} on ${column} in the suite`);
  return index;
}

/** Every manifest error is flagged by its expectations at its rows, and no other row is bad. */
async function expectDetectedExactly(file: string, manifest: ManifestFile) {
  const { result, verdicts } = await validate(file);
  for (const error of manifest.errors) {
    for (const by of DETECTED_BY[error.type] ?? []) {
      const index = resultIndex(result, by.type, by.onColumn ? error.column : undefined);
      const found = new Set(unexpectedIndexList(result, verdicts, index));
      expect([error.type, by.type, error.rows.filter((row) => !found.has(row))]).toEqual([
        error.type,
        by.type,
        [],
      ]);
      expect(result.results[index]!.success).toBe(false);
    }
  }
  const named = [...new Set(manifest.errors.flatMap((e) => e.rows))].sort((a, b) => a - b);
  expect(badRowIndices(result, verdicts)).toEqual(named);
  expect(result.meta).toMatchObject({ row_count: manifest.rowCount, bad_row_count: named.length });
  return result;
}

const ROW_TYPES = ERROR_TYPES.filter((t) => !EXCLUSIVE_FILE_ERRORS.includes(t));

describe('validating a file against the default suite', () => {
  it('detects every combinable injected error type at exactly the rows the manifest names', async () => {
    const { file, manifest } = corruptedFile(tempDir(), 'all.csv', [...ROW_TYPES], {
      rows: 400,
      rowsPerError: 6,
    });
    expect(manifest.errors.map((e) => e.type).sort()).toEqual([...ROW_TYPES].sort());
    const result = await expectDetectedExactly(file, manifest);
    const columns = result.results[resultIndex(result, 'expect_table_columns_to_match_set', undefined)]!;
    expect(columns.result.details).toEqual({ mismatched: { missing: [], unexpected: ['gate'] } });
  });

  it.each(ROW_TYPES)('detects %s alone at exactly its rows', async (type) => {
    const { file, manifest } = corruptedFile(tempDir(), `${type}.csv`, [type], { seed: 9 });
    const result = await expectDetectedExactly(file, manifest);
    expect(result.meta.criticality).toBe('low');
  });

  it('makes every row bad, critically, when a required column is missing', async () => {
    const { file, manifest } = corruptedFile(tempDir(), 'missing.csv', ['missing_column']);
    const { result } = await validate(file);
    const column = manifest.errors[0]!.column!;
    expect(result.results[resultIndex(result, 'expect_column_to_exist', column)]!.success).toBe(false);
    expect(result.meta).toMatchObject({
      bad_row_count: manifest.rowCount,
      row_count: 300,
      criticality: 'high',
    });
    expect(result.meta.criticality_reasons[0]).toMatch(new RegExp(`high: column ${column} is missing`));
  });

  it('judges a header-only file medium and an empty file high, with no rows either way', async () => {
    const headerOnly = (await validate(corruptedFile(tempDir(), 'h.csv', ['header_only']).file)).result;
    const empty = (await validate(corruptedFile(tempDir(), 'e.csv', ['empty_file']).file)).result;
    expect([headerOnly.meta.row_count, headerOnly.meta.criticality, headerOnly.success]).toEqual([
      0,
      'medium',
      false,
    ]);
    expect([empty.meta.row_count, empty.meta.criticality, empty.meta.parseable]).toEqual([0, 'high', true]);
  });

  it('gives the same result whatever the chunk size (records cut across chunks)', async () => {
    const { file } = corruptedFile(tempDir(), 'chunks.csv', [...ROW_TYPES], { rows: 200 });
    const strip = (r: ValidationResult) => ({
      ...r,
      meta: { ...r.meta, duration_ms: 0, validation_time: '' },
    });
    const whole = await validate(file);
    for (const chunkBytes of [64, 1000]) {
      const chunked = await validate(file, chunkBytes);
      expect(strip(chunked.result)).toEqual(strip(whole.result));
      expect(badRowIndices(chunked.result, chunked.verdicts)).toEqual(
        badRowIndices(whole.result, whole.verdicts),
      );
    }
  });
});

describe('validating files that are hardly CSV', () => {
  const write = (name: string, contents: string | Buffer) => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, contents);
    return file;
  };
  const header = 'flight_id,date,origin,destination,distance\n';
  const row = (i: number) => `${i},2001-04-01 07:15,ATL,FLL,581\n`;

  it('treats binary garbage as a result (not parseable, every line bad, high), never a crash', async () => {
    const garbage = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) % 256));
    const { result } = await validate(write('garbage.bin', garbage));
    expect(result.meta).toMatchObject({ parseable: false, criticality: 'high' });
    expect(result.meta.bad_row_count).toBe(result.meta.row_count);
    expect(result.meta.parse_error).toMatch(/binary/);
    expect(result.results.every((r) => !r.success && r.exception_info.raised_exception)).toBe(true);
  });

  it('treats an unbalanced quote as not parseable, counting the rows by lines', async () => {
    const { result } = await validate(
      write('quote.csv', `${header}${row(1)}2,"2001-04-01 07:15,ATL,FLL,581\n${row(3)}`),
    );
    expect(result.meta).toMatchObject({
      parseable: false,
      row_count: 3,
      bad_row_count: 3,
      criticality: 'high',
    });
    expect(result.meta.parse_error).toMatch(/never closed/);
  });

  it('makes every row of a file with the wrong delimiter bad: its columns are all missing', async () => {
    const text = `${header}${row(1)}${row(2)}`.replaceAll(',', ';');
    const { result } = await validate(write('semicolons.csv', text));
    expect(result.meta).toMatchObject({
      parseable: true,
      row_count: 2,
      bad_row_count: 2,
      criticality: 'high',
    });
  });

  it('marks rows with too many or too few fields bad and keeps judging the rest', async () => {
    const text = `${header}${row(1)}3,2001-04-01 07:15,ATL,FLL,581,extra\n4,2001-04-01 07:15,ATL\n${row(5)}`;
    const { result, verdicts } = await validate(write('ragged.csv', text));
    expect(badRowIndices(result, verdicts)).toEqual([1, 2]);
    const structure = resultIndex(result, 'expect_rows_to_be_well_formed', undefined);
    expect(result.results[structure]!.result.partial_unexpected_list).toEqual([
      '6 fields, header has 5',
      '3 fields, header has 5',
    ]);
  });
});
