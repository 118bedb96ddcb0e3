import { DATETIME_STRFTIME, type DatasetSpec, fileColumns } from '../feature-spec';
import type { ExpectationConfig, ExpectationSuite } from './types';

/**
 * The expectation suite a raw file of this data set must meet, derived from the feature spec alone:
 * the file's columns, each feature's kind, range, allowed values and date-time bounds, the id
 * column, and the row rules. Another spec gets its own suite with no code change.
 */
export function defaultSuite(spec: DatasetSpec): ExpectationSuite {
  const expect = (
    expectation_type: string,
    kwargs: Record<string, unknown>,
    meta?: ExpectationConfig['meta'],
  ) => ({
    expectation_type,
    kwargs,
    ...(meta ? { meta } : {}),
  });
  const columns = fileColumns(spec, { withLabel: false });
  const expectations: ExpectationConfig[] = [
    expect(
      'expect_table_row_count_to_be_between',
      { min_value: 1, max_value: null },
      { criticality: 'medium' },
    ),
    expect('expect_table_columns_to_match_set', { column_set: columns, exact_match: true }),
    expect('expect_rows_to_be_well_formed', {}),
  ];
  for (const feature of spec.features) {
    if (feature.required) {
      expectations.push(expect('expect_column_to_exist', { column: feature.name }));
      expectations.push(expect('expect_column_values_to_not_be_null', { column: feature.name }));
    }
    const column = feature.name;
    switch (feature.kind) {
      case 'category':
        // The pattern holds the values' lengths too: no separate length check.
        expectations.push(
          expect('expect_column_values_to_be_in_set', { column, value_set: [...feature.values] }),
          expect('expect_column_values_to_match_regex', { column, regex: shapeOf(feature.values) }),
        );
        break;
      case 'number':
        expectations.push(
          expect('expect_column_values_to_be_of_type', { column, type_: feature.integer ? 'int' : 'float' }),
          expect('expect_column_values_to_be_between', {
            column,
            min_value: feature.min,
            max_value: feature.max,
          }),
          expect('expect_column_mean_to_be_between', {
            column,
            min_value: feature.min,
            max_value: feature.max,
          }),
        );
        break;
      case 'datetime':
        expectations.push(
          expect('expect_column_values_to_match_strftime_format', {
            column,
            strftime_format: DATETIME_STRFTIME,
          }),
          expect('expect_column_values_to_be_between', {
            column,
            min_value: feature.min,
            max_value: feature.max,
            parse_strings_as_datetimes: true,
          }),
        );
        break;
    }
  }
  if (spec.idColumn) {
    const column = spec.idColumn.name;
    expectations.push(
      expect('expect_column_values_to_be_unique', { column }),
      expect('expect_column_value_lengths_to_be_between', { column, min_value: 1, max_value: 64 }),
      expect('expect_column_proportion_of_unique_values_to_be_between', {
        column,
        min_value: 0.9,
        max_value: 1,
      }),
    );
  }
  for (const rule of spec.rowRules) {
    expectations.push(
      expect('expect_select_column_values_to_be_unique_within_record', { column_list: [...rule.columns] }),
    );
  }
  expectations.push(expect('expect_compound_columns_to_be_unique', { column_list: columns }));
  return { expectation_suite_name: `${spec.id}.default`, expectations };
}

/**
 * A pattern every allowed value fits (`^[A-Z]{3}$` for airport codes), so a mangled code
 * (`" ATL"`, `atl`) is reported as malformed, apart from a well-formed but unknown one.
 */
function shapeOf(values: readonly string[]): string {
  const classes = [
    { test: /^[A-Z]+$/, class: 'A-Z' },
    { test: /^[A-Z0-9]+$/, class: 'A-Z0-9' },
    { test: /^[A-Za-z]+$/, class: 'A-Za-z' },
    { test: /^[A-Za-z0-9]+$/, class: 'A-Za-z0-9' },
  ];
  const lengths = values.map((v) => v.length);
  const min = Math.min(...lengths);
  const max = Math.max(...lengths);
  const found = classes.find((c) => values.every((v) => c.test.test(v)));
  const count = min === max ? `{${min}}` : `{${min},${max}}`;
  return found ? `^[${found.class}]${count}$` : `^\\S(.*\\S)?$`;
}
