import { SeededRandom } from '../../cli/data/random';
import { activeSpec, fileColumns, formatDateTime, parseDateTime } from '../feature-spec';
import { batchFromColumns } from './batch-builder';
import { compileSuite } from './compile-suite';
import { defaultSuite } from './default-suite';
import { SuiteRunner } from './suite-runner';
import { validateColumns } from './validate-columns';

/**
 * The engine reads numbers, date-times and codes straight from bytes, through dictionaries and
 * readers that store into typed arrays. This test judges the same cells the plain way (strings,
 * Number, parseDateTime, a Set, the regex) and expects the very same rows flagged, in several
 * batches' worth of rows, so a faster path can never quietly judge differently.
 */
const header = fileColumns(activeSpec, { withLabel: false });
const codes = activeSpec.features.flatMap((f) => (f.kind === 'category' ? [...f.values] : []));
const pools: Record<string, (rng: SeededRandom) => string> = {
  flight_id: (rng) => String(rng.int(1, 5000)),
  date: (rng) =>
    rng.pick([
      formatDateTime(Date.UTC(2001, 0, 1) + rng.int(0, 500_000) * 60_000),
      formatDateTime(Date.UTC(1999, 11, 31) + rng.int(0, 2000) * 60_000),
      '2001-04-31 10:20',
      '2001-4-3 10:20',
      '2001-04-03T10:20',
      '',
    ]),
  origin: (rng) => rng.pick([rng.pick(codes), rng.pick(codes), 'XXX', ' ATL', 'atl', '']),
  destination: (rng) => rng.pick([rng.pick(codes), rng.pick(codes), 'XX', 'ATLX', '']),
  distance: (rng) =>
    rng.pick([String(rng.int(0, 5200)), '-3', '+40', '007', '12.5', '1e3', 'far', '', '99999999999999999']),
};

const PLAIN_TYPES = [
  'expect_column_values_to_not_be_null',
  'expect_column_values_to_be_in_set',
  'expect_column_values_to_match_regex',
  'expect_column_values_to_be_of_type',
  'expect_column_values_to_match_strftime_format',
  'expect_column_values_to_be_between',
];

const plainNumber = (cell: string) =>
  /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? Number(cell) : NaN;

function expectedFailure(type: string, kwargs: Record<string, unknown>, cell: string): boolean {
  const number = plainNumber(cell);
  const time = cell.includes('T') ? NaN : parseDateTime(cell);
  const [min, max] = [kwargs.min_value, kwargs.max_value];
  if (type === 'expect_column_values_to_not_be_null') return cell === '';
  if (cell === '') return false;
  if (type === 'expect_column_values_to_be_in_set') return !(kwargs.value_set as string[]).includes(cell);
  if (type === 'expect_column_values_to_match_regex') return !new RegExp(kwargs.regex as string).test(cell);
  if (type === 'expect_column_values_to_be_of_type') return !/^[+-]?\d+$/.test(cell);
  if (type === 'expect_column_values_to_match_strftime_format') return Number.isNaN(time);
  if (type !== 'expect_column_values_to_be_between') throw new Error(`no plain judge for ${type}`);
  if (kwargs.parse_strings_as_datetimes)
    return !(time >= parseDateTime(min as string) && time <= parseDateTime(max as string));
  return !(number >= (min as number) && number <= (max as number));
}

describe('the engine against plain judgements of the same cells', () => {
  it('flags exactly the rows a plain reading flags, for every check that reads values', () => {
    const rng = new SeededRandom(5);
    const rows = 20_000;
    const columns = header.map((name) => Array.from({ length: rows }, () => pools[name]!(rng)));
    const suite = compileSuite(defaultSuite(activeSpec));
    const { result, verdicts } = validateColumns(suite, header, columns, { fileName: 'f.csv', runId: 'r' });

    const judged = suite.expectations.flatMap(({ config }, index) => {
      const column = config.kwargs.column as string | undefined;
      const plain = PLAIN_TYPES.includes(config.expectation_type);
      if (!column || !plain) return [];
      const cells = columns[header.indexOf(column)]!;
      const expected = cells.flatMap((cell, row) =>
        expectedFailure(config.expectation_type, config.kwargs, cell) ? [row] : [],
      );
      const flagged = cells.flatMap((_, row) => (verdicts.has(row, index) ? [row] : []));
      expect([config.expectation_type, column, flagged]).toEqual([config.expectation_type, column, expected]);
      expect(result.results[index]!.result.unexpected_count).toBe(expected.length);
      return [config.expectation_type];
    });
    expect(new Set(judged).size).toBe(PLAIN_TYPES.length);

    const distances = columns[header.indexOf('distance')]!.map(plainNumber).filter((n) => !Number.isNaN(n));
    const mean = result.results.find((r) => r.expectation_config.expectation_type.includes('_mean_'))!;
    expect(mean.result.observed_value).toBe(distances.reduce((a, b) => a + b, 0) / distances.length);
  });
});

describe('uniqueness against a plain reading of the same rows', () => {
  it('flags the later copies of a value and of a whole row, across batches, as a Set of strings does', () => {
    const rng = new SeededRandom(9);
    const rows: string[][] = [];
    for (let r = 0; r < 12_000; r++) {
      const fresh = header.map((name) => pools[name]!(rng));
      const earlier = rows[rng.int(0, Math.max(0, rows.length - 1))];
      // Whole copies, and copies differing in one cell (same id, another value), both common.
      if (earlier && rng.next() < 0.1) rows.push([...earlier]);
      else if (earlier && rng.next() < 0.1) rows.push(earlier.map((cell, c) => (c === 4 ? fresh[4]! : cell)));
      else rows.push(fresh);
    }
    const suite = compileSuite(defaultSuite(activeSpec));
    const runner = new SuiteRunner(suite);
    runner.begin(header);
    for (let from = 0; from < rows.length; from += 2500) {
      const slice = rows.slice(from, from + 2500);
      runner.observe(
        batchFromColumns(
          header.map((_, c) => slice.map((row) => row[c]!)),
          from,
        ),
      );
    }
    const { verdicts } = runner.finish({
      fileName: 'f.csv',
      runId: 'r',
      rowCount: 0,
      contentSha256: null,
      bytes: 0,
      startedAt: 0,
    });

    const laterCopies = (key: (row: string[]) => string | undefined) => {
      const seen = new Set<string>();
      return rows.flatMap((row, index) => {
        const value = key(row);
        if (value === undefined) return [];
        const repeated = seen.has(value);
        seen.add(value);
        return repeated ? [index] : [];
      });
    };
    const flaggedBy = (type: string) => {
      const index = suite.expectations.findIndex((e) => e.config.expectation_type === type);
      return rows.flatMap((_, row) => (verdicts.has(row, index) ? [row] : []));
    };
    const id = header.indexOf('flight_id');
    const ids = laterCopies((row) => (row[id] === '' ? undefined : row[id]));
    const wholeRows = laterCopies((row) =>
      row.every((cell) => cell === '') ? undefined : JSON.stringify(row),
    );
    expect(ids.length).toBeGreaterThan(1000);
    expect(wholeRows.length).toBeGreaterThan(500);
    expect(flaggedBy('expect_column_values_to_be_unique')).toEqual(ids);
    expect(flaggedBy('expect_compound_columns_to_be_unique')).toEqual(wholeRows);
  });
});
