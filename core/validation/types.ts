/**
 * Expectations and their results, in Great Expectations' names and JSON shape (snake_case keys,
 * `expectation_config`, `result.element_count`, `partial_unexpected_list`, ...), so people who know
 * GE read Contrail's results and reports without a glossary.
 */

export type Criticality = 'none' | 'low' | 'medium' | 'high';
export const CRITICALITIES: readonly Criticality[] = ['none', 'low', 'medium', 'high'];

export const maxCriticality = (a: Criticality, b: Criticality): Criticality =>
  CRITICALITIES.indexOf(a) >= CRITICALITIES.indexOf(b) ? a : b;

export interface ExpectationMeta {
  /** The criticality of this expectation failing (see criticality.ts for the file-level rules). */
  criticality?: Exclude<Criticality, 'none'>;
  /**
   * Table and aggregate expectations only: when this one fails, every row of the file is bad.
   * `expect_column_to_exist` does so unless set to false (a row without a required column is unusable).
   */
  rejects_rows?: boolean;
  notes?: string;
}

export interface ExpectationConfig {
  expectation_type: string;
  kwargs: Record<string, unknown>;
  meta?: ExpectationMeta;
}

export interface ExpectationSuite {
  expectation_suite_name: string;
  expectations: ExpectationConfig[];
}

/** How an expectation judges the data: row by row (and so marks bad rows), or the table as a whole. */
export type ExpectationKind = 'map' | 'table' | 'aggregate';

export interface ExpectationResultDetail {
  element_count: number;
  /** Map expectations: the counts GE reports with result_format SUMMARY. */
  missing_count?: number;
  missing_percent?: number;
  unexpected_count?: number;
  /** Of the non-missing values, as GE computes it. */
  unexpected_percent?: number;
  unexpected_percent_total?: number;
  unexpected_percent_nonmissing?: number;
  /** Up to 20 unexpected values, in file order. */
  partial_unexpected_list?: unknown[];
  /** Their row indices (0-based data rows, header excluded). */
  partial_unexpected_index_list?: number[];
  partial_unexpected_counts?: { value: unknown; count: number }[];
  /** Table and aggregate expectations: the value judged (row count, mean, column list, ...). */
  observed_value?: unknown;
  /** Table expectations over columns: what is missing or extra. */
  details?: Record<string, unknown>;
}

export interface ExpectationValidationResult {
  success: boolean;
  expectation_config: ExpectationConfig & { kind: ExpectationKind };
  result: ExpectationResultDetail;
  exception_info: { raised_exception: boolean; exception_message: string | null };
  /** Contrail: the criticality this result contributes (none when it passed). */
  criticality: Criticality;
  /** Contrail: the reason written beside each bad row this expectation caught. */
  reason: string;
}

export interface ValidationStatistics {
  evaluated_expectations: number;
  successful_expectations: number;
  unsuccessful_expectations: number;
  success_percent: number;
}

/** A whole-file verdict beside GE's results: what Contrail needs to split, store and alert. */
export interface ValidationMeta {
  expectation_suite_name: string;
  /** The file validated (its original name). */
  data_asset_name: string;
  run_id: string;
  validation_time: string;
  parseable: boolean;
  parse_error: string | null;
  row_count: number;
  good_row_count: number;
  bad_row_count: number;
  criticality: Criticality;
  /** Which criticality rules matched, in words. */
  criticality_reasons: string[];
  content_sha256: string | null;
  bytes: number;
  duration_ms: number;
  /** Indices of the results whose failure makes every row bad. */
  file_level_rejections: number[];
}

export interface ValidationResult {
  success: boolean;
  results: ExpectationValidationResult[];
  statistics: ValidationStatistics;
  meta: ValidationMeta;
}
