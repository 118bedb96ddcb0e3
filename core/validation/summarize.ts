import type { CompiledSuite } from './compile-suite';
import { fileCriticality, type FileFacts, resultCriticality } from './criticality';
import type { ExpectationState, FinishInfo } from './expectation-state';
import type { ExpectationResultDetail, ExpectationValidationResult, ValidationResult } from './types';

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

function valueCounts(values: unknown[]): { value: unknown; count: number }[] {
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const value of values) {
    const key = JSON.stringify(value);
    const entry = counts.get(key) ?? { value, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

function detail(state: ExpectationState, rowCount: number): ExpectationResultDetail {
  const kind = state.expectation.definition.kind;
  if (kind !== 'map') {
    return {
      element_count: state.judgement?.element_count ?? rowCount,
      ...(state.judgement?.missing_count === undefined
        ? {}
        : { missing_count: state.judgement.missing_count }),
      observed_value: state.judgement?.observed_value ?? null,
      ...(state.judgement?.details ? { details: state.judgement.details } : {}),
    };
  }
  const nonMissing = rowCount - state.missing;
  return {
    element_count: rowCount,
    missing_count: state.missing,
    missing_percent: pct(state.missing, rowCount),
    unexpected_count: state.unexpected,
    unexpected_percent: pct(state.unexpected, nonMissing),
    unexpected_percent_total: pct(state.unexpected, rowCount),
    unexpected_percent_nonmissing: pct(state.unexpected, nonMissing),
    partial_unexpected_list: state.partialValues,
    partial_unexpected_index_list: state.partialIndices,
    partial_unexpected_counts: valueCounts(state.partialValues),
  };
}

function succeeded(state: ExpectationState, rowCount: number): boolean {
  if (state.exception !== undefined) return false;
  if (state.expectation.definition.kind !== 'map') return state.judgement?.success === true;
  const nonMissing = rowCount - state.missing;
  const mostly = typeof state.expectation.kwargs.mostly === 'number' ? state.expectation.kwargs.mostly : 1;
  return nonMissing === 0 || (nonMissing - state.unexpected) / nonMissing >= mostly;
}

/** Builds Great Expectations' result shape from the runner's states, and Contrail's verdict beside it. */
export function summarize(
  suite: CompiledSuite,
  states: readonly ExpectationState[],
  info: FinishInfo & { badRowCount: number; rejections: number[] },
): ValidationResult {
  const facts: FileFacts = {
    parseable: info.parseError === undefined,
    rowCount: info.rowCount,
    badRowCount: info.badRowCount,
  };
  const results: ExpectationValidationResult[] = states.map((state) => {
    const { config, definition, kwargs } = state.expectation;
    const partial: ExpectationValidationResult = {
      success: succeeded(state, info.rowCount),
      expectation_config: { ...config, kind: definition.kind },
      result: state.exception === undefined ? detail(state, info.rowCount) : { element_count: info.rowCount },
      exception_info: {
        raised_exception: state.exception !== undefined,
        exception_message: state.exception ?? null,
      },
      criticality: 'none',
      reason: definition.reason(kwargs),
    };
    return { ...partial, criticality: resultCriticality(partial, suite.criticalityRules, facts) };
  });
  const successful = results.filter((r) => r.success).length;
  const verdict = fileCriticality(results, facts, suite.criticalityRules);
  return {
    success: successful === results.length && info.badRowCount === 0,
    results,
    statistics: {
      evaluated_expectations: results.length,
      successful_expectations: successful,
      unsuccessful_expectations: results.length - successful,
      success_percent: pct(successful, results.length),
    },
    meta: {
      expectation_suite_name: suite.name,
      data_asset_name: info.fileName,
      run_id: info.runId,
      validation_time: new Date(info.startedAt).toISOString(),
      parseable: facts.parseable,
      parse_error: info.parseError ?? null,
      row_count: info.rowCount,
      good_row_count: info.rowCount - info.badRowCount,
      bad_row_count: info.badRowCount,
      criticality: verdict.criticality,
      criticality_reasons: verdict.reasons,
      content_sha256: info.contentSha256,
      bytes: info.bytes,
      duration_ms: Date.now() - info.startedAt,
      file_level_rejections: info.rejections,
    },
  };
}
