import fs from 'node:fs';
import path from 'node:path';
import { useTempDir } from '../../tests/support/temp-dir';
import { activeSpec } from '../feature-spec';
import { DEFAULT_CRITICALITY_RULES } from './criticality';
import { defaultSuite } from './default-suite';
import { loadSuite } from './suite-file';

const tempDir = useTempDir('suite');
const write = (json: unknown) => {
  const file = path.join(tempDir(), 'suite.json');
  fs.writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
};
const types = (suite: ReturnType<typeof loadSuite>) =>
  suite.expectations.map((e) => `${e.config.expectation_type}:${String(e.kwargs.column ?? '')}`);

describe('expectation suites', () => {
  it('derives the default suite from the feature spec: every feature, the id column, the row rule', () => {
    const suite = loadSuite(activeSpec);
    expect(new Set(suite.expectations.map((e) => e.config.expectation_type)).size).toBeGreaterThanOrEqual(15);
    for (const feature of activeSpec.features) {
      expect(types(suite)).toContain(`expect_column_to_exist:${feature.name}`);
      expect(types(suite)).toContain(`expect_column_values_to_not_be_null:${feature.name}`);
    }
    expect(types(suite)).toContain('expect_column_values_to_be_unique:flight_id');
    const origin = suite.expectations.find(
      (e) => e.config.expectation_type === 'expect_column_values_to_be_in_set',
    );
    expect(origin!.kwargs.value_set).toHaveLength(229);
    expect(suite.criticalityRules).toEqual(DEFAULT_CRITICALITY_RULES);
  });

  it('extends the default from a file: replaces by type and column, adds, removes, and sets the rules', () => {
    const suite = loadSuite(
      activeSpec,
      write({
        expectation_suite_name: 'flights.ops',
        extends_default: true,
        expectations: [
          {
            expectation_type: 'expect_column_values_to_not_be_null',
            kwargs: { column: 'origin', mostly: 0.9 },
          },
          { expectation_type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 1000 } },
          {
            expectation_type: 'expect_column_max_to_be_between',
            kwargs: { column: 'distance', max_value: 4000 },
          },
        ],
        remove: [{ expectation_type: 'expect_column_mean_to_be_between' }],
        criticality_rules: [{ when: 'expectation_failed', criticality: 'high' }],
      }),
    );
    const base = defaultSuite(activeSpec).expectations.length;
    expect(suite.name).toBe('flights.ops');
    expect(suite.expectations).toHaveLength(base - 1 + 1);
    const origin = suite.expectations.find(
      (e) =>
        e.config.expectation_type === 'expect_column_values_to_not_be_null' && e.kwargs.column === 'origin',
    );
    expect(origin!.kwargs.mostly).toBe(0.9);
    expect(types(suite)).not.toContain('expect_column_mean_to_be_between:distance');
    expect(types(suite)).toContain('expect_column_max_to_be_between:distance');
    expect(suite.criticalityRules).toEqual([{ when: 'expectation_failed', criticality: 'high' }]);
  });

  it.each([
    ['not JSON', '{', /suite\.json: .*JSON/],
    ['an unknown field', { expectation_suite_name: 's', expectations: [], colour: 1 }, /Unrecognized key/],
    ['no expectations', { expectation_suite_name: 's', expectations: [] }, /no expectations/],
    [
      'a bad kwarg',
      {
        expectation_suite_name: 's',
        expectations: [{ expectation_type: 'expect_column_values_to_be_in_set', kwargs: { column: 'c' } }],
      },
      /expectation 0 \(expect_column_values_to_be_in_set\): value_set/,
    ],
    [
      'a bad rule',
      { expectation_suite_name: 's', extends_default: true, criticality_rules: [{ when: 'sometimes' }] },
      /criticality_rules/,
    ],
  ])('refuses a suite file with %s, naming the file and the problem', (_what, json, message) => {
    const file = write(json);
    expect(() => loadSuite(activeSpec, file)).toThrow(message);
    expect(() => loadSuite(activeSpec, file)).toThrow(file);
  });
});
