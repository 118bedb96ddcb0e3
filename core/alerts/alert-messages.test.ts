import { compileSuite } from '../validation/compile-suite';
import { validateColumns } from '../validation/validate-columns';
import { dataQualityAlert } from './data-quality-alert';
import { runFailureAlert } from './run-failure-alert';
import { messageBytes, TEAMS_MAX_BYTES } from './teams';

const cardLines = (card: Record<string, unknown>) =>
  (card.body as { text?: string }[]).map((b) => b.text ?? '');

describe('alert messages', () => {
  it('fits a data-quality card under 28 KB with hundreds of failed expectations, and says how many are left out', () => {
    const expectations = Array.from({ length: 600 }, (_, i) => ({
      expectation_type: 'expect_column_values_to_match_regex',
      kwargs: { column: 'origin', regex: `^${'A'.repeat(i % 7)}Z{${i}}$` },
    }));
    const suite = compileSuite({ expectation_suite_name: 'many', expectations });
    const origin = Array.from({ length: 50 }, (_, i) => `${'long value '.repeat(10)}${i}`);
    const { result } = validateColumns(suite, ['origin'], [origin], { fileName: 'wide.csv', runId: 'r' });
    const { card, email } = dataQualityAlert(result, 'http://api.test/reports/wide--r');
    expect(messageBytes(card)).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
    const lines = cardLines(card);
    const shown = lines.filter((l) => l.startsWith('expect_column_values_to_match_regex (origin)')).length;
    expect(shown).toBeGreaterThan(20);
    expect(lines).toContain(`…and ${600 - shown} more: see the report.`);
    // The e-mail has no such limit: every failure is listed.
    expect(email.text.split('\n').filter((l) => l.startsWith('- expect_'))).toHaveLength(600);
  });

  it('shows the criticality, the file, the counts and sample values in the card', () => {
    const suite = compileSuite({
      expectation_suite_name: 's',
      expectations: [
        {
          expectation_type: 'expect_column_values_to_be_in_set',
          kwargs: { column: 'origin', value_set: ['ATL'] },
        },
      ],
    });
    const { result } = validateColumns(suite, ['origin'], [['ATL', 'XXX', 'XXX', 'LHR']], {
      fileName: 'f.csv',
      runId: 'r',
    });
    const { card, subject } = dataQualityAlert(result, 'http://api.test/reports/f');
    expect(subject).toBe('[Contrail] HIGH: data-quality issues in f.csv');
    const text = JSON.stringify(card);
    expect(text).toContain('4 (3 bad, 75.00%)');
    expect(text).toContain(
      'expect_column_values_to_be_in_set (origin): 3 unexpected (75.00%), e.g. \\"XXX\\", \\"LHR\\"',
    );
  });

  it('fits a run-failure card with a huge error under 28 KB', () => {
    const { card } = runFailureAlert({
      dagId: 'ingestion',
      runId: 'run',
      taskId: 'validate-data',
      error: 'stack line\n'.repeat(20_000),
      runUrl: 'http://localhost:8233/x',
    });
    expect(messageBytes(card)).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
  });
});
