import { errorBody } from './errors';
import type { RowError } from './validate-rows';

/** The parts of a POST /predict answer; rendered by hand because a 100,000-row answer is the hot path. */
export interface PredictAnswer {
  requestId: string;
  modelVersion: string;
  source: string;
  replayed: boolean;
  rows: readonly unknown[];
  /** Index of each predicted row, with its features already as JSON and its prediction. */
  validIndexes: readonly number[];
  validJson: readonly string[];
  predictions: ArrayLike<number>;
  errors: readonly RowError[];
}

/**
 * The status and JSON text of the answer: 200 with predictResponseSchema (predict-schemas.ts),
 * rows in request order, when any row was predicted; 422 in the error shape, listing every row's
 * reasons, when none was.
 */
export function renderPredictAnswer(a: PredictAnswer): { status: number; body: string } {
  if (a.validIndexes.length === 0) {
    const message = `none of the ${a.rows.length} rows is valid; see details.rows`;
    const details = { requestId: a.requestId, rows: a.errors };
    return { status: 422, body: JSON.stringify(errorBody('invalid_rows', message, details)) };
  }
  const parts = new Array<string>(a.rows.length);
  a.validIndexes.forEach((index, k) => {
    const prediction = a.predictions[k]!;
    const shown = Number.isFinite(prediction) ? prediction : null;
    parts[index] = `{"index":${index},"features":${a.validJson[k]},"prediction":${shown}}`;
  });
  for (const error of a.errors) {
    const features = JSON.stringify(a.rows[error.index] ?? null);
    parts[error.index] =
      `{"index":${error.index},"features":${features},"error":${JSON.stringify({ issues: error.issues })}}`;
  }
  const head =
    `{"requestId":${JSON.stringify(a.requestId)},"modelVersion":${JSON.stringify(a.modelVersion)},` +
    `"source":${JSON.stringify(a.source)},"predicted":${a.validIndexes.length},"rejected":${a.errors.length},` +
    `"replayed":${a.replayed}`;
  return { status: 200, body: `${head},"rows":[${parts.join(',')}]}` };
}
