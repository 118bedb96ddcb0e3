import { compileSuite } from './compile-suite';
import type { CriticalityRule } from './criticality';
import type { ExpectationConfig } from './types';
import { validateColumns } from './validate-columns';

const notNull = (column: string, meta?: ExpectationConfig['meta']): ExpectationConfig => ({
  expectation_type: 'expect_column_values_to_not_be_null',
  kwargs: { column },
  ...(meta ? { meta } : {}),
});

function verdict(
  expectations: ExpectationConfig[],
  header: string[],
  rows: string[][],
  rules?: CriticalityRule[],
) {
  const suite = compileSuite({ expectation_suite_name: 's', expectations }, rules);
  const columns = header.map((_, c) => rows.map((r) => r[c]!));
  return validateColumns(suite, header, columns, { fileName: 'f.csv', runId: 'r' }).result;
}

const rows = (n: number, bad: number) => Array.from({ length: n }, (_, i) => [i < bad ? '' : 'x']);

describe('criticality rules', () => {
  it('says none when everything passes', () => {
    expect(verdict([notNull('a')], ['a'], rows(10, 0)).meta).toMatchObject({
      criticality: 'none',
      criticality_reasons: [],
    });
  });

  it('grades by the share of bad rows: a few low, 5% medium, half high, all high', () => {
    const grade = (bad: number) => verdict([notNull('a')], ['a'], rows(100, bad)).meta.criticality;
    expect([grade(1), grade(5), grade(50), grade(100)]).toEqual(['low', 'medium', 'high', 'high']);
  });

  it('makes a missing required column high, with the reason first', () => {
    const result = verdict(
      [{ expectation_type: 'expect_column_to_exist', kwargs: { column: 'b' } }],
      ['a'],
      rows(10, 0),
    );
    expect(result.meta.criticality).toBe('high');
    expect(result.meta.criticality_reasons[0]).toBe('high: column b is missing');
    expect(result.results[0]!.criticality).toBe('high');
  });

  it("raises a failure to the expectation's own criticality", () => {
    const result = verdict([notNull('a', { criticality: 'medium' })], ['a'], rows(100, 1));
    expect([result.meta.criticality, result.results[0]!.criticality]).toEqual(['medium', 'medium']);
  });

  it('follows rules given instead of the defaults', () => {
    const rules: CriticalityRule[] = [{ when: 'expectation_failed', column: 'a', criticality: 'high' }];
    expect(verdict([notNull('a'), notNull('b')], ['a', 'b'], [['', 'x']], rules).meta.criticality).toBe(
      'high',
    );
    expect(verdict([notNull('a'), notNull('b')], ['a', 'b'], [['x', '']], rules).meta.criticality).toBe(
      'none',
    );
  });
});
