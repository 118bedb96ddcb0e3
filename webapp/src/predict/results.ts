import type { PredictedRow, RowIssue } from '../api/types';

/** One row of the results table: its features with its prediction or the reasons it was refused. */
export interface ResultRow {
  /** Position in what was sent (0-based); a CSV row's line in its file is index + 2. */
  index: number;
  features: Record<string, unknown>;
  prediction: number | null;
  issues: RowIssue[] | null;
}

export interface ResultSet {
  rows: ResultRow[];
  predicted: number;
  rejected: number;
  modelVersions: string[];
  /** Where the rows came from: the form (one row) or a CSV file (lines). */
  origin: 'form' | 'csv';
}

export function toResultRow(row: PredictedRow, offset: number): ResultRow {
  return {
    index: row.index + offset,
    features: row.features && typeof row.features === 'object' ? row.features : {},
    prediction: row.error ? null : (row.prediction ?? null),
    issues: row.error ? row.error.issues : null,
  };
}

export const issueText = (issues: readonly RowIssue[]) =>
  issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
