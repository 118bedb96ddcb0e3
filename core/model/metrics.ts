/** How far predictions are from the truth, in the label's unit (minutes of delay). */
export interface Metrics {
  mae: number;
  rmse: number;
  rows: number;
}

export function regressionMetrics(labels: Float64Array, predictions: Float64Array): Metrics {
  let absolute = 0;
  let squared = 0;
  for (let i = 0; i < labels.length; i++) {
    const error = labels[i]! - predictions[i]!;
    absolute += Math.abs(error);
    squared += error * error;
  }
  const rows = labels.length;
  return rows === 0
    ? { mae: NaN, rmse: NaN, rows }
    : { mae: absolute / rows, rmse: Math.sqrt(squared / rows), rows };
}
