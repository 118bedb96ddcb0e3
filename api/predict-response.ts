import type { RowError } from '../core/feature-spec';

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

/** One line for people (and the prediction DAG's rejection log): each field and its problem. */
const summary = (error: RowError) =>
  error.issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ');

/** A refused row as sent; one nested too deep for JSON.stringify (a RangeError) is described instead. */
function echo(row: unknown): string {
  try {
    return JSON.stringify(row ?? null);
  } catch {
    return JSON.stringify('(not shown: nested too deeply to echo)');
  }
}

/**
 * The JSON text of the answer, matching predictResponseSchema (predict-schemas.ts): one result
 * per row, in request order, with its prediction or its error. Refused rows are an outcome of the
 * request, not a failure of it: the status is 200 even when every row was refused.
 */
export function renderPredictAnswer(a: PredictAnswer): { status: number; body: string } {
  const parts = new Array<string>(a.rows.length);
  a.validIndexes.forEach((index, k) => {
    const prediction = a.predictions[k]!;
    const shown = Number.isFinite(prediction) ? prediction : null;
    parts[index] = `{"index":${index},"features":${a.validJson[k]},"prediction":${shown}}`;
  });
  for (const error of a.errors) {
    const features = echo(a.rows[error.index]);
    const reason = JSON.stringify({ message: summary(error), issues: error.issues });
    parts[error.index] = `{"index":${error.index},"features":${features},"error":${reason}}`;
  }
  const head =
    `{"requestId":${JSON.stringify(a.requestId)},"modelVersion":${JSON.stringify(a.modelVersion)},` +
    `"source":${JSON.stringify(a.source)},"predicted":${a.validIndexes.length},"rejected":${a.errors.length},` +
    `"replayed":${a.replayed}`;
  return { status: 200, body: `${head},"results":[${parts.join(',')}]}` };
}
