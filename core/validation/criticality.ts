import { z } from 'zod';
import { type Criticality, type ExpectationValidationResult, maxCriticality } from './types';

/**
 * How bad is a file? The file's criticality is the highest of every rule that matches; a failed
 * expectation's own criticality is the highest of the rules that concern it (and its
 * `meta.criticality`). The rules are data: a suite file can replace them.
 */
const level = z.enum(['low', 'medium', 'high']);
export const criticalityRuleSchema = z.discriminatedUnion('when', [
  z.strictObject({ when: z.literal('file_not_parseable'), criticality: level }),
  z.strictObject({ when: z.literal('column_missing'), criticality: level }),
  z.strictObject({ when: z.literal('all_rows_bad'), criticality: level }),
  z.strictObject({
    when: z.literal('bad_row_share_at_least'),
    share: z.number().gt(0).max(1),
    criticality: level,
  }),
  z.strictObject({
    when: z.literal('expectation_failed'),
    expectation_type: z.string().optional(),
    column: z.string().optional(),
    criticality: level,
  }),
]);
export type CriticalityRule = z.infer<typeof criticalityRuleSchema>;

export const DEFAULT_CRITICALITY_RULES: readonly CriticalityRule[] = [
  { when: 'file_not_parseable', criticality: 'high' },
  { when: 'column_missing', criticality: 'high' },
  { when: 'all_rows_bad', criticality: 'high' },
  { when: 'bad_row_share_at_least', share: 0.5, criticality: 'high' },
  { when: 'bad_row_share_at_least', share: 0.05, criticality: 'medium' },
  { when: 'expectation_failed', criticality: 'low' },
];

export interface FileFacts {
  parseable: boolean;
  rowCount: number;
  badRowCount: number;
}

const percent = (share: number) => `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;

function concerns(rule: CriticalityRule, result: ExpectationValidationResult): string | undefined {
  if (result.success) return undefined;
  const { expectation_type: type, kwargs } = result.expectation_config;
  const total = result.result.element_count;
  const share = total > 0 ? (result.result.unexpected_count ?? 0) / total : 0;
  switch (rule.when) {
    case 'column_missing':
      return type === 'expect_column_to_exist' ? `column ${String(kwargs.column)} is missing` : undefined;
    case 'all_rows_bad':
      return total > 0 && share === 1 ? `${type} rejects every row` : undefined;
    case 'bad_row_share_at_least':
      return share >= rule.share ? `${type} rejects ${percent(share)} of rows` : undefined;
    case 'expectation_failed':
      if (rule.expectation_type !== undefined && rule.expectation_type !== type) return undefined;
      if (rule.column !== undefined && rule.column !== kwargs.column) return undefined;
      return `${type}${kwargs.column === undefined ? '' : ` on ${String(kwargs.column)}`} failed`;
    case 'file_not_parseable':
      return undefined;
  }
}

/** The criticality each failed expectation contributes (none for those that passed). */
export function resultCriticality(
  result: ExpectationValidationResult,
  rules: readonly CriticalityRule[],
  facts: FileFacts,
): Criticality {
  if (result.success) return 'none';
  let found: Criticality = result.expectation_config.meta?.criticality ?? 'none';
  for (const rule of rules) {
    const unparseable = rule.when === 'file_not_parseable' && !facts.parseable;
    if (unparseable || concerns(rule, result)) found = maxCriticality(found, rule.criticality);
  }
  return found;
}

export function fileCriticality(
  results: readonly ExpectationValidationResult[],
  facts: FileFacts,
  rules: readonly CriticalityRule[],
): { criticality: Criticality; reasons: string[] } {
  let criticality: Criticality = 'none';
  const reasons: string[] = [];
  const raise = (to: Criticality, why: string) => {
    criticality = maxCriticality(criticality, to);
    reasons.push(`${to}: ${why}`);
  };
  const share = facts.rowCount > 0 ? facts.badRowCount / facts.rowCount : 0;
  for (const rule of rules) {
    if (rule.when === 'file_not_parseable' && !facts.parseable)
      raise(rule.criticality, 'the file is not parseable CSV');
    else if (rule.when === 'all_rows_bad' && facts.rowCount > 0 && share === 1)
      raise(rule.criticality, 'every row is bad');
    else if (rule.when === 'bad_row_share_at_least' && facts.rowCount > 0 && share >= rule.share) {
      raise(rule.criticality, `${percent(share)} of rows are bad (at least ${percent(rule.share)})`);
    } else if (rule.when === 'column_missing' || rule.when === 'expectation_failed') {
      const matched = results.map((r) => concerns(rule, r)).filter((why): why is string => why !== undefined);
      if (matched.length > 0) raise(rule.criticality, listed(matched));
    }
  }
  for (const result of results) {
    const own = result.expectation_config.meta?.criticality;
    if (!result.success && own)
      raise(own, `${result.expectation_config.expectation_type} failed (its own criticality)`);
  }
  // Most severe first, so the first reason explains the verdict.
  reasons.sort((a, b) => rank(b) - rank(a));
  return { criticality, reasons };
}

/** At most three, then how many more: a reason is read in an alert, not audited. */
function listed(items: string[]): string {
  const shown = items.slice(0, 3).join('; ');
  return items.length > 3 ? `${shown}; and ${items.length - 3} more` : shown;
}

const rank = (reason: string) => ['low', 'medium', 'high'].indexOf(reason.slice(0, reason.indexOf(':')));
