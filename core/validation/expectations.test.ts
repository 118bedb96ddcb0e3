import { compileSuite } from './compile-suite';
import { EXPECTATIONS } from './expectations';
import { unexpectedIndexList } from './result-files';
import type { ExpectationConfig } from './types';
import { validateColumns } from './validate-columns';

/** Runs one expectation over a small table given as rows. */
function run(config: ExpectationConfig, header: string[], rows: string[][]) {
  const suite = compileSuite({ expectation_suite_name: 'test', expectations: [config] });
  const columns = header.map((_, c) => rows.map((r) => r[c] ?? ''));
  const { result, verdicts } = validateColumns(suite, header, columns, {
    fileName: 'test.csv',
    runId: 'run',
  });
  const first = result.results[0]!;
  return { ...first, rows: unexpectedIndexList(result, verdicts, 0), file: result };
}

const one = (values: string[]) => values.map((v) => [v]);
const expect_ = (
  expectation_type: string,
  kwargs: Record<string, unknown>,
  meta?: ExpectationConfig['meta'],
) => ({
  expectation_type,
  kwargs,
  ...(meta ? { meta } : {}),
});

describe('expectations, in Great Expectations names and result shape', () => {
  it('knows at least 15 expectation types, each row-by-row one with a mostly tolerance', () => {
    expect(EXPECTATIONS.size).toBeGreaterThanOrEqual(15);
    for (const definition of EXPECTATIONS.values()) {
      expect(definition.type).toMatch(/^expect_/);
      if (definition.kind === 'map') {
        const shape = (definition.kwargs as unknown as { shape: Record<string, unknown> }).shape;
        expect([definition.type, 'mostly' in shape]).toEqual([definition.type, true]);
      }
    }
  });

  it('reports element, missing and unexpected counts, percents and up to 20 samples with their rows', () => {
    const values = ['', 'ATL', 'XXX', ...Array.from({ length: 30 }, (_, i) => `Q${i}`)];
    const r = run(
      expect_('expect_column_values_to_be_in_set', { column: 'c', value_set: ['ATL'] }),
      ['c'],
      one(values),
    );
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 33,
      missing_count: 1,
      unexpected_count: 31,
      unexpected_percent: (100 * 31) / 32,
      unexpected_percent_total: (100 * 31) / 33,
    });
    expect(r.result.partial_unexpected_list).toHaveLength(20);
    expect(r.result.partial_unexpected_list![0]).toBe('XXX');
    expect(r.result.partial_unexpected_index_list!.slice(0, 2)).toEqual([2, 3]);
    expect(r.result.partial_unexpected_counts![0]).toEqual({ value: 'XXX', count: 1 });
    expect(r.rows).toHaveLength(31);
  });

  it('passes with mostly when enough non-missing values meet the expectation, and still marks the bad rows', () => {
    const values = [...Array.from({ length: 95 }, () => '10'), ...Array.from({ length: 5 }, () => '999')];
    const loose = run(
      expect_('expect_column_values_to_be_between', {
        column: 'n',
        min_value: 0,
        max_value: 100,
        mostly: 0.95,
      }),
      ['n'],
      one(values),
    );
    const strict = run(
      expect_('expect_column_values_to_be_between', {
        column: 'n',
        min_value: 0,
        max_value: 100,
        mostly: 0.96,
      }),
      ['n'],
      one(values),
    );
    expect([loose.success, strict.success]).toEqual([true, false]);
    expect(loose.rows).toEqual([95, 96, 97, 98, 99]);
  });

  it('not_be_null counts empty cells as unexpected; other checks skip them as missing', () => {
    const rows = one(['1', '', 'x', '']);
    expect(run(expect_('expect_column_values_to_not_be_null', { column: 'n' }), ['n'], rows).rows).toEqual([
      1, 3,
    ]);
    const typed = run(
      expect_('expect_column_values_to_be_of_type', { column: 'n', type_: 'int' }),
      ['n'],
      rows,
    );
    expect([typed.rows, typed.result.missing_count]).toEqual([[2], 2]);
  });

  it.each([
    [
      'expect_column_values_to_be_between',
      { min_value: 10, max_value: 20 },
      ['10', '20', '9', '21', 'far', '15.5'],
      [2, 3, 4],
    ],
    [
      'expect_column_values_to_be_between',
      { min_value: 10, max_value: 20, strict_min: true },
      ['10', '11'],
      [0],
    ],
    [
      'expect_column_values_to_be_between',
      { min_value: '2001-01-01 00:00', max_value: '2001-12-31 23:59', parse_strings_as_datetimes: true },
      ['2001-05-01 10:00', '2002-01-01 00:00', 'yesterday', '2000-12-31 23:59'],
      [1, 2, 3],
    ],
    ['expect_column_values_to_be_of_type', { type_: 'int' }, ['1', '-2', '3.5', 'x'], [2, 3]],
    ['expect_column_values_to_be_of_type', { type_: 'float' }, ['1', '3.5', '1e3', 'x'], [3]],
    [
      'expect_column_values_to_match_regex',
      { regex: '^[A-Z]{3}$' },
      ['ATL', 'atl', ' ATL', 'ATLX'],
      [1, 2, 3],
    ],
    ['expect_column_values_to_not_match_regex', { regex: '\\s' }, ['ATL', ' ATL', 'A L'], [1, 2]],
    [
      'expect_column_value_lengths_to_be_between',
      { min_value: 2, max_value: 3 },
      ['A', 'AB', 'ABC', 'ABCD', 'Zoë'],
      [0, 3],
    ],
    [
      'expect_column_values_to_match_strftime_format',
      { strftime_format: '%Y-%m-%d %H:%M' },
      ['2001-04-03 10:20', '2001/04/03 10:20', '2001-04-31 10:20', '2001-04-03'],
      [1, 2, 3],
    ],
    ['expect_column_values_to_be_unique', {}, ['1', '2', '1', '3', '2', '1'], [2, 4, 5]],
  ])('%s flags exactly the bad rows (case %#)', (type, kwargs, values, bad) => {
    expect(run(expect_(type, { column: 'c', ...kwargs }), ['c'], one(values)).rows).toEqual(bad);
  });

  it('keeps the first occurrence of a duplicated row and flags the later copies', () => {
    const rows = [
      ['1', 'a'],
      ['2', 'b'],
      ['1', 'a'],
      ['1', 'b'],
      ['1', 'a'],
    ];
    const r = run(
      expect_('expect_compound_columns_to_be_unique', { column_list: ['id', 'v'] }),
      ['id', 'v'],
      rows,
    );
    expect(r.rows).toEqual([2, 4]);
    expect(r.result.partial_unexpected_list).toEqual([
      ['1', 'a'],
      ['1', 'a'],
    ]);
  });

  it('flags a record whose selected columns repeat a value, skipping rows with a missing one', () => {
    const rows = [
      ['ATL', 'FLL'],
      ['ATL', 'ATL'],
      ['', ''],
      ['JFK', 'JFK'],
    ];
    const r = run(
      expect_('expect_select_column_values_to_be_unique_within_record', { column_list: ['o', 'd'] }),
      ['o', 'd'],
      rows,
    );
    expect([r.rows, r.result.missing_count]).toEqual([[1, 3], 1]);
  });

  it('judges table shape: columns, their count, a column at its position, the row count', () => {
    const header = ['a', 'b', 'extra'];
    const rows = [['1', '2', '3']];
    const match = run(
      expect_('expect_table_columns_to_match_set', { column_set: ['a', 'b', 'c'] }),
      header,
      rows,
    );
    expect(match.success).toBe(false);
    expect(match.result.details).toEqual({ mismatched: { missing: ['c'], unexpected: ['extra'] } });
    const loose = run(
      expect_('expect_table_columns_to_match_set', { column_set: ['a', 'b'], exact_match: false }),
      header,
      rows,
    );
    expect(loose.success).toBe(true);
    expect(run(expect_('expect_table_column_count_to_equal', { value: 3 }), header, rows).success).toBe(true);
    expect(
      run(expect_('expect_column_to_exist', { column: 'b', column_index: 0 }), header, rows).success,
    ).toBe(false);
    const count = run(expect_('expect_table_row_count_to_be_between', { min_value: 2 }), header, rows);
    expect([count.success, count.result.observed_value]).toEqual([false, 1]);
  });

  it('judges aggregates: mean, min, max, share of unique values, distinct values in a set', () => {
    const rows = one(['10', '20', '30', '30', 'x']);
    const judge = (type: string, kwargs: Record<string, unknown>) => {
      const r = run(expect_(type, { column: 'c', ...kwargs }), ['c'], rows);
      return [r.success, r.result.observed_value];
    };
    expect(judge('expect_column_mean_to_be_between', { min_value: 20, max_value: 25 })).toEqual([true, 22.5]);
    expect(judge('expect_column_min_to_be_between', { min_value: 11 })).toEqual([false, 10]);
    expect(judge('expect_column_max_to_be_between', { max_value: 30 })).toEqual([true, 30]);
    expect(judge('expect_column_proportion_of_unique_values_to_be_between', { min_value: 0.9 })).toEqual([
      false,
      0.8,
    ]);
    expect(judge('expect_column_distinct_values_to_be_in_set', { value_set: ['10', '20', '30'] })).toEqual([
      false,
      ['x'],
    ]);
  });

  it('fails an expectation on a column the file lacks, with the reason, without running it', () => {
    const r = run(expect_('expect_column_values_to_not_be_null', { column: 'gone' }), ['c'], one(['1']));
    expect(r.success).toBe(false);
    expect(r.exception_info).toEqual({
      raised_exception: true,
      exception_message: 'column gone is not in the file',
    });
  });

  it('makes every row bad when a column that must exist is missing', () => {
    const r = run(expect_('expect_column_to_exist', { column: 'gone' }), ['c'], one(['1', '2']));
    expect([r.success, r.rows, r.file.meta.bad_row_count]).toEqual([false, [0, 1], 2]);
  });

  it('rejects a suite with an unknown type or bad arguments, naming them', () => {
    const compile = (config: ExpectationConfig) => () =>
      compileSuite({ expectation_suite_name: 's', expectations: [config] });
    expect(compile(expect_('expect_column_values_to_be_purple', {}))).toThrow(
      /expect_column_values_to_be_purple\) is not a known/,
    );
    expect(compile(expect_('expect_column_values_to_be_in_set', { column: 'c' }))).toThrow(/value_set/);
    expect(compile(expect_('expect_column_values_to_be_between', { column: 'c', mostly: 2 }))).toThrow(
      /mostly/,
    );
    expect(compile(expect_('expect_column_values_to_match_regex', { column: 'c', regex: '(' }))).toThrow(
      /regular expression/,
    );
    expect(
      compile(
        expect_('expect_column_values_to_be_between', {
          column: 'c',
          min_value: 'soon',
          parse_strings_as_datetimes: true,
        }),
      ),
    ).toThrow(/min_value/);
  });
});
