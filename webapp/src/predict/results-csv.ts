import { activeSpec, fileColumns } from '../../../core/feature-spec';
import { toCsv } from '../components/csv-file';
import { issueText, type ResultSet } from './results';
import { lineOf } from './csv-protocol';

export const predictionColumn = `predicted_${activeSpec.label.name}`;

/** The results as a CSV: where each row came from, its features, its prediction or why it was refused. */
export function resultsCsv(results: ResultSet): string {
  const features = fileColumns(activeSpec, { withLabel: false });
  const where = results.origin === 'csv' ? 'line' : 'row';
  return toCsv(
    [where, ...features, predictionColumn, 'error'],
    results.rows.map((r) => [
      results.origin === 'csv' ? lineOf(r.index) : r.index + 1,
      ...features.map((f) => r.features[f]),
      r.prediction,
      r.issues ? issueText(r.issues) : '',
    ]),
  );
}

/** An empty file with the spec's columns and its example row: what an upload should look like. */
export function templateCsv(): string {
  const columns = fileColumns(activeSpec, { withLabel: false });
  return toCsv(columns, [columns.map((c) => activeSpec.exampleRow[c] ?? '')]);
}
